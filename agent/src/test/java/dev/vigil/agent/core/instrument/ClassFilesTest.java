package dev.vigil.agent.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import fixture.HeaderFixtures.Plain;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.JarURLConnection;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
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
        assertThat(classFiles.contains(system, internal(Plain.class))).isTrue();
        assertThat(classFiles.contains(system, "fixture/NoSuchType")).isFalse();
        assertThat(classFiles.contains(system, "javax/sql/DataSource")).isTrue();
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
            assertThat(classFiles.contains(child, "dup/Single")).isTrue();
            assertThat(classFiles.contains(parent, "dup/Single")).isFalse();
            assertThat(classFiles.read(parent, "dup/Single")).isNull();
        }
    }

    @Test
    void aParentFirstLoaderOfAnyKindFindsItsParentsCopyFirstThenItsOwn() throws IOException {
        byte[] parentCopy = twin(parentDir, Runnable.class);
        byte[] childCopy = twin(childDir, AutoCloseable.class);
        byte[] onlyInChild = write(childDir, "dup/Single", new ByteBuddy().subclass(Object.class).name("dup.Single").make().getBytes());
        try (URLClassLoader parent = new URLClassLoader(new URL[] {parentDir.toUri().toURL()}, ClassLoader.getSystemClassLoader())) {
            OwnFinder child = new OwnFinder(childDir, parent);
            assertThat(classFiles.read(child, "dup/Twin")).isEqualTo(parentCopy).isNotEqualTo(childCopy)
                    .isEqualTo(resource(child, "dup/Twin"));
            assertThat(child.asked).as("found in the parent: the child's own path is not searched").isZero();
            assertThat(classFiles.read(child, "dup/Single")).isEqualTo(onlyInChild).isEqualTo(resource(child, "dup/Single"));
            assertThat(classFiles.read(child, internal(Plain.class))).as("through the parents, from the class path")
                    .isEqualTo(resource(child, internal(Plain.class)));
            assertThat(classFiles.read(child, "dup/None")).isNull();
            assertThat(classFiles.contains(child, "dup/Single")).isTrue();
            assertThat(classFiles.contains(child, "dup/None")).isFalse();
        }
    }

    /** A loader that is no URLClassLoader, keeping ClassLoader's parent-first getResource (Quarkus' runner loader is one). */
    private static final class OwnFinder extends ClassLoader {
        private final Path dir;
        int asked;

        OwnFinder(Path dir, ClassLoader parent) {
            super(parent);
            this.dir = dir;
        }

        @Override
        protected URL findResource(String name) {
            asked++;
            Path file = dir.resolve(name);
            try {
                return Files.isRegularFile(file) ? file.toUri().toURL() : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** A loader with its own index that answers {@code jar:} URLs, as Quarkus' runner loader does. */
    private static final class JarIndex extends ClassLoader {
        private final Map<String, String> urls;

        JarIndex(Map<String, String> urls) {
            super(null);
            this.urls = urls;
        }

        @Override
        protected URL findResource(String name) {
            String url = urls.get(name);
            try {
                return url == null ? null : new URL(url);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void jarUrlsAreReadFromTheirJarFilesAsTheirConnectionsWouldRead() throws IOException {
        byte[] base = new ByteBuddy().subclass(Object.class).implement(Runnable.class).name("mr.Twin").make().getBytes();
        byte[] versioned = new ByteBuddy().subclass(Object.class).implement(AutoCloseable.class).name("mr.Twin").make().getBytes();
        byte[] plain = new ByteBuddy().subclass(Object.class).name("mr.Plain").make().getBytes();
        Map<String, byte[]> entries = new HashMap<>();
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        entries.put("mr/Twin.class", base);
        entries.put("META-INF/versions/9/mr/Twin.class", versioned);
        entries.put("mr/Plain.class", plain);
        Path jar = jar(parentDir.resolve("multi.jar"), entries);
        Path spaced = Files.createDirectories(parentDir.resolve("with space"));
        Path escaped = jar(spaced.resolve("plain.jar"), Map.of("mr/Plain.class", plain));
        String root = "jar:" + jar.toUri() + "!/";
        Map<String, String> urls = Map.of(
                "mr/Twin.class", root + "mr/Twin.class#runtime",
                "mr/Base.class", root + "mr/Twin.class",
                "mr/Plain.class", root + "mr/Plain.class",
                "mr/Escaped.class", "jar:" + escaped.toUri() + "!/mr/Plain.class",
                "mr/Gone.class", root + "mr/Gone.class");
        JarIndex loader = new JarIndex(urls);
        for (String name : List.of("mr/Twin", "mr/Base", "mr/Plain", "mr/Escaped")) {
            assertThat(classFiles.read(loader, name)).as(name).isEqualTo(resource(loader, name));
        }
        assertThat(classFiles.read(loader, "mr/Twin")).as("#runtime: the runtime's version").isEqualTo(versioned);
        assertThat(classFiles.read(loader, "mr/Base")).as("no fragment: the base version").isEqualTo(base);
        assertThat(classFiles.read(loader, "mr/Gone")).as("no such entry, as the connection finds").isNull();
        assertThat(classFiles.jarUrls().openJars()).as("one per jar file and version; the escaped URL opened as usual")
                .isEqualTo(2);
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

    @Test
    void entriesTheJdkSearchesAConnectionAtATimeAreSearchedInTheirJarFilesInOrder() throws IOException {
        byte[] firstCopy = new ByteBuddy().subclass(Object.class).implement(Runnable.class).name("dup.Twin").make().getBytes();
        byte[] secondCopy = new ByteBuddy().subclass(Object.class).implement(AutoCloseable.class).name("dup.Twin").make().getBytes();
        byte[] single = new ByteBuddy().subclass(Object.class).name("dup.Single").make().getBytes();
        Path first = jar(parentDir.resolve("first.jar"), Map.of("dup/Twin.class", firstCopy));
        Path second = jar(childDir.resolve("second.jar"), Map.of("dup/Twin.class", secondCopy, "dup/Single.class", single));
        NestedJars handler = new NestedJars();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {handler.root(first), handler.root(second)},
                ClassLoader.getSystemClassLoader())) {
            assertThat(resource(loader, "dup/Twin")).as("what the JDK finds").isEqualTo(firstCopy);
            int connections = handler.entriesOpened;

            assertThat(classFiles.read(loader, "dup/Twin")).isEqualTo(firstCopy);
            assertThat(classFiles.read(loader, "dup/Single")).isEqualTo(single);
            assertThat(classFiles.read(loader, "dup/None")).isNull();
            assertThat(classFiles.contains(loader, "dup/Single")).isTrue();
            assertThat(classFiles.contains(loader, "dup/None")).isFalse();
            assertThat(handler.entriesOpened - connections)
                    .as("searched in the jar files, not with a connection to each entry in turn").isZero();
        }
    }

    @Test
    void aDirectoryBetweenSuchEntriesKeepsItsPlaceInTheOrder(@TempDir Path dir) throws IOException {
        byte[] firstCopy = new ByteBuddy().subclass(Object.class).implement(Runnable.class).name("dup.Twin").make().getBytes();
        byte[] dirCopy = twin(dir, AutoCloseable.class);
        byte[] onlyInDir = write(dir, "other/InDir", new ByteBuddy().subclass(Object.class).name("other.InDir").make().getBytes());
        byte[] lastCopy = new ByteBuddy().subclass(Object.class).name("other.InDir").make().getBytes();
        byte[] onlyInLast = new ByteBuddy().subclass(Object.class).name("last.Only").make().getBytes();
        Path first = jar(parentDir.resolve("first.jar"), Map.of("dup/Twin.class", firstCopy));
        Path last = jar(childDir.resolve("last.jar"), Map.of("other/InDir.class", lastCopy, "last/Only.class", onlyInLast));
        NestedJars handler = new NestedJars();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {handler.root(first), dir.toUri().toURL(), handler.root(last)},
                null)) {
            assertThat(classFiles.read(loader, "dup/Twin")).isEqualTo(firstCopy).isNotEqualTo(dirCopy);
            assertThat(classFiles.read(loader, "other/InDir")).isEqualTo(onlyInDir).isEqualTo(resource(loader, "other/InDir"));
            assertThat(classFiles.read(loader, "last/Only")).isEqualTo(onlyInLast);
            assertThat(classFiles.read(loader, "last/None")).isNull();
        }
    }

    @Test
    void aPlainClassPathIsSearchedInItsJarFilesAndDirectoriesAsTheApplicationLoaderWould(@TempDir Path dir)
            throws IOException {
        byte[] firstCopy = new ByteBuddy().subclass(Object.class).implement(Runnable.class).name("dup.Twin").make().getBytes();
        twin(dir, AutoCloseable.class);
        byte[] onlyInDir = write(dir, "other/InDir", new ByteBuddy().subclass(Object.class).name("other.InDir").make().getBytes());
        byte[] base = new ByteBuddy().subclass(Object.class).name("mr.Versioned").make().getBytes();
        byte[] versioned = new ByteBuddy().subclass(Object.class).implement(Runnable.class).name("mr.Versioned").make().getBytes();
        Path first = jar(parentDir.resolve("first.jar"), Map.of("dup/Twin.class", firstCopy));
        Path last = jar(childDir.resolve("last.jar"), Map.of(
                "META-INF/MANIFEST.MF", manifest("Multi-Release: true"),
                "mr/Versioned.class", base, "META-INF/versions/17/mr/Versioned.class", versioned,
                "other/InDir.class", base));
        List<URL> classPath = List.of(first.toUri().toURL(), dir.toUri().toURL(), parentDir.resolve("missing.jar").toUri().toURL(),
                last.toUri().toURL());
        ClassFiles.SearchPath files = searchedAsTheJdkSearches(classPath, "dup/Twin", "other/InDir", "mr/Versioned");

        assertThat(read(files.find("dup/Twin.class"))).isEqualTo(firstCopy);
        assertThat(read(files.find("other/InDir.class"))).isEqualTo(onlyInDir);
        assertThat(read(files.find("mr/Versioned.class"))).isEqualTo(versioned);
    }

    @Test
    void theJarsAManifestNamesAreSearchedRightAfterItInTheJdksOrder(@TempDir Path dir) throws IOException {
        byte[] inNamed = new ByteBuddy().subclass(Object.class).implement(Runnable.class).name("dup.Twin").make().getBytes();
        byte[] inLater = new ByteBuddy().subclass(Object.class).implement(AutoCloseable.class).name("dup.Twin").make().getBytes();
        byte[] deep = new ByteBuddy().subclass(Object.class).name("deep.Only").make().getBytes();
        Files.createDirectories(dir.resolve("lib"));
        // launcher.jar names lib/named.jar (which names ../deep.jar and, a cycle, the launcher again) and lib/classes/.
        Path launcher = jar(dir.resolve("launcher.jar"), Map.of("META-INF/MANIFEST.MF",
                manifest("Class-Path: lib/named.jar lib/missing.jar\n  lib/classes/")));
        jar(dir.resolve("lib/named.jar"), Map.of("META-INF/MANIFEST.MF", manifest("Class-Path: ../deep.jar ../launcher.jar"),
                "dup/Twin.class", inNamed));
        jar(dir.resolve("deep.jar"), Map.of("deep/Only.class", deep));
        byte[] inClasses = write(dir.resolve("lib/classes"), "dirs/InClasses",
                new ByteBuddy().subclass(Object.class).name("dirs.InClasses").make().getBytes());
        Path later = jar(childDir.resolve("later.jar"), Map.of("dup/Twin.class", inLater, "deep/Only.class", inLater));
        List<URL> classPath = List.of(launcher.toUri().toURL(), later.toUri().toURL());

        ClassFiles.SearchPath files = searchedAsTheJdkSearches(classPath, "dup/Twin", "deep/Only", "dirs/InClasses");

        assertThat(read(files.find("dup/Twin.class"))).isEqualTo(inNamed);
        assertThat(read(files.find("deep/Only.class"))).isEqualTo(deep);
        assertThat(read(files.find("dirs/InClasses.class"))).isEqualTo(inClasses);
        assertThat(files.urls()).as("each searched once").hasSize(6);
    }

    @Test
    void classPathEntriesAreTakenAsTheJdkTakesThemThroughLinksAndEmptyOnes(@TempDir Path dir) throws IOException {
        byte[] library = new ByteBuddy().subclass(Object.class).name("lib.Only").make().getBytes();
        Files.createDirectories(dir.resolve("real/lib"));
        Path app = jar(dir.resolve("real/app.jar"), Map.of("META-INF/MANIFEST.MF", manifest("Class-Path: lib/library.jar")));
        jar(dir.resolve("real/lib/library.jar"), Map.of("lib/Only.class", library));
        Files.createDirectories(dir.resolve("linked"));
        Path link = Files.createSymbolicLink(dir.resolve("linked/app.jar"), app);

        List<URL> entries = ClassFiles.entries(link + java.io.File.pathSeparator);

        assertThat(entries).containsExactly(app.toRealPath().toUri().toURL(),
                Path.of("").toAbsolutePath().toRealPath().toUri().toURL());
        assertThat(read(ClassFiles.SearchPath.ofFiles(entries).find("lib/Only.class")))
                .as("the manifest's lib/ next to the jar itself, not next to the link").isEqualTo(library);
    }

    @Test
    void aManifestThatNamesSomethingOtherThanAFileLeavesTheSearchToTheJdk() throws IOException {
        Path remote = jar(parentDir.resolve("remote.jar"), Map.of("META-INF/MANIFEST.MF",
                manifest("Class-Path: http://repository.example/lib.jar")));
        Path plain = jar(childDir.resolve("plain.jar"), Map.of("dup/Twin.class", new byte[] {1}));

        assertThat(ClassFiles.SearchPath.ofFiles(List.of(plain.toUri().toURL(), remote.toUri().toURL())).entries())
                .isNull();
        assertThat(ClassFiles.SearchPath.ofFiles(List.of(plain.toUri().toURL())).entries()).isNotNull();
    }

    private static byte[] manifest(String attributes) {
        return ("Manifest-Version: 1.0\n" + attributes + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code classPath} searched here, each of {@code names} found as a URLClassLoader over it finds it, and no other. */
    private static ClassFiles.SearchPath searchedAsTheJdkSearches(List<URL> classPath, String... names) throws IOException {
        ClassFiles.SearchPath files = ClassFiles.SearchPath.ofFiles(classPath);
        assertThat(files.entries()).as("searched here").isNotNull();
        try (URLClassLoader jdk = new URLClassLoader(classPath.toArray(new URL[0]), null)) {
            for (String name : names) {
                assertThat(read(files.find(name + ".class"))).as(name).isEqualTo(resource(jdk, name));
            }
        }
        assertThat(files.find("dup/None.class")).isNull();
        return files;
    }

    private static byte[] read(ClassFiles.Found found) throws IOException {
        try (InputStream in = found.open()) {
            return in.readAllBytes();
        }
    }

    /** A jar: handler that is not the JDK's, as Spring Boot's nested jars have. */
    private static final class NestedJars extends URLStreamHandler {
        /** Connections to an entry asked for its stream (found or not). */
        int entriesOpened;
        private final Map<String, JarFile> open = new HashMap<>();

        URL root(Path jar) throws IOException {
            return new URL(null, "jar:" + jar.toUri() + "!/", this);
        }

        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            return new JarURLConnection(url) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public JarFile getJarFile() throws IOException {
                    String path = getJarFileURL().getPath();
                    JarFile jar = open.get(path);
                    if (jar == null) {
                        jar = new JarFile(path);
                        open.put(path, jar);
                    }
                    return jar;
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    entriesOpened++;
                    JarFile jar = getJarFile();
                    JarEntry entry = getEntryName() == null ? null : jar.getJarEntry(getEntryName());
                    if (entry == null) {
                        throw new FileNotFoundException(getEntryName());
                    }
                    return jar.getInputStream(entry);
                }
            };
        }
    }

    private static Path jar(Path file, Map<String, byte[]> entries) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return file;
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
