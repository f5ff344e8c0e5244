package dev.vigil.agent.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import fixture.HeaderFixtures.Plain;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import net.bytebuddy.ByteBuddy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFilesTest {
    private final ClassFiles classFiles = new ClassFiles();

    @TempDir
    Path parentDir;
    @TempDir
    Path childDir;

    @Test
    void aJdkTypeIsReadFromItsModuleWithoutAskingTheLoader() {
        ClassLoader refusing = new URLClassLoader(new URL[0], null) {
            @Override
            public URL getResource(String name) {
                throw new AssertionError("asked for " + name);
            }
        };
        assertThat(isClassFile(classFiles.read(refusing, "javax/sql/DataSource"))).isTrue();
        assertThat(isClassFile(classFiles.read(null, "java/util/HashMap"))).isTrue();
        assertThat(classFiles.read(null, "java/util/NoSuchType")).isNull();
    }

    @Test
    void theApplicationClassPathIsSearchedAsTheApplicationLoaderWould() throws IOException {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        assertThat(classFiles.read(system, internal(Plain.class))).isEqualTo(resource(system, internal(Plain.class)));
        assertThat(classFiles.read(system, "fixture/NoSuchType")).isNull();
    }

    @Test
    void aParentFirstLoaderFindsItsParentsCopyFirst() throws IOException {
        byte[] parentCopy = twin(parentDir, Runnable.class);
        byte[] childCopy = twin(childDir, AutoCloseable.class);
        byte[] onlyInChild = write(childDir, "dup/Single", new ByteBuddy().subclass(Object.class).name("dup.Single").make().getBytes());
        try (URLClassLoader parent = new URLClassLoader(new URL[] {parentDir.toUri().toURL()}, ClassLoader.getSystemClassLoader());
             URLClassLoader child = new URLClassLoader(new URL[] {childDir.toUri().toURL()}, parent)) {
            assertThat(classFiles.read(child, "dup/Twin")).isEqualTo(parentCopy).isNotEqualTo(childCopy);
            assertThat(classFiles.read(child, "dup/Single")).isEqualTo(onlyInChild);
            assertThat(classFiles.read(parent, "dup/Single")).isNull();
        }
    }

    @Test
    void aLoaderWithItsOwnOrderIsAskedItself() throws IOException {
        twin(parentDir, Runnable.class);
        byte[] childCopy = twin(childDir, AutoCloseable.class);
        try (URLClassLoader parent = new URLClassLoader(new URL[] {parentDir.toUri().toURL()}, null);
             URLClassLoader childFirst = new URLClassLoader(new URL[] {childDir.toUri().toURL()}, parent) {
                 @Override
                 public URL getResource(String name) {
                     URL own = findResource(name);
                     return own != null ? own : super.getResource(name);
                 }
             }) {
            assertThat(classFiles.read(childFirst, "dup/Twin")).isEqualTo(childCopy);
        }
    }

    /** A class dup.Twin that implements {@code type}, written under {@code dir}. */
    private static byte[] twin(Path dir, Class<?> type) throws IOException {
        return write(dir, "dup/Twin", new ByteBuddy().subclass(Object.class).implement(type).name("dup.Twin").make().getBytes());
    }

    private static byte[] write(Path dir, String internalName, byte[] classFile) throws IOException {
        Path file = dir.resolve(internalName + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, classFile);
        return classFile;
    }

    private static byte[] resource(ClassLoader loader, String internalName) throws IOException {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }

    private static boolean isClassFile(byte[] bytes) {
        return bytes != null && bytes.length > 4 && (bytes[0] & 0xff) == 0xCA && (bytes[1] & 0xff) == 0xFE;
    }

    private static String internal(Class<?> type) {
        return type.getName().replace('.', '/');
    }
}
