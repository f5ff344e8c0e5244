package dev.vigil.agent.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import fixture.HeaderFixtures.Plain;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;

class ClassFileLocationsTest {
    private final ClassFileLocations locations = new ClassFileLocations(new ClassFiles());

    @Test
    void byteBuddyReadsTheClassFilesItsLoaderWouldFind() throws IOException {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        ClassFileLocator locator = locations.classFileLocator(system, null);
        assertThat(locator.locate(Plain.class.getName()).resolve()).isEqualTo(resource(system, "fixture/HeaderFixtures$Plain"));
        assertThat(locator.locate("java.util.HashMap").resolve()).isEqualTo(resource(system, "java/util/HashMap"));
        assertThat(locator.locate("fixture.NoSuchType").isResolved()).isFalse();
        assertThat(locations.classFileLocator(null, null).locate("java.lang.String").isResolved()).isTrue();
    }

    @Test
    void whatTheQuickPathsDoNotFindTheLoaderIsAskedFor() throws IOException {
        byte[] generated = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};
        ClassLoader serving = new URLClassLoader(new URL[0], null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return name.equals("gen/Made.class") ? new java.io.ByteArrayInputStream(generated) : super.getResourceAsStream(name);
            }
        };
        assertThat(locations.classFileLocator(serving, null).locate("gen.Made").resolve()).isEqualTo(generated);
    }

    private static byte[] resource(ClassLoader loader, String internalName) throws IOException {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}
