package dev.vigil.agent.core.config;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * The application's jar, or the directory it was unpacked into, read one named entry at a time: this
 * runs in premain, so it never lists or scans the archive. Opening a jar only reads its central
 * directory, which the JVM's class loader reads anyway.
 */
final class AppArchive implements Closeable {

    /** More than any application.properties or manifest needs; a bigger entry is not what we look for. */
    private static final int MAX_ENTRY_BYTES = 256 * 1024;

    private final Path path;
    private final JarFile jar;

    private AppArchive(Path path, JarFile jar) {
        this.path = path;
        this.jar = jar;
    }

    /** A jar file or an unpacked directory; throws if it is neither or cannot be read. */
    static AppArchive open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new AppArchive(path, null);
        }
        return new AppArchive(path, new JarFile(path.toFile(), false));
    }

    /** The jar's file name ({@code shop-1.2.jar}); null for a directory, whose name tells nothing. */
    String jarFileName() {
        return jar == null ? null : path.getFileName().toString();
    }

    /** The manifest's main attributes; null if there is none. */
    Manifest manifest() throws IOException {
        if (jar != null) {
            return jar.getManifest();
        }
        String text = text(JarFile.MANIFEST_NAME);
        return text == null ? null : new Manifest(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The entry as UTF-8 text; null if it is absent or too large to be a configuration file. */
    String text(String entryName) throws IOException {
        if (jar == null) {
            Path file = path.resolve(entryName);
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_ENTRY_BYTES) {
                return null;
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        ZipEntry entry = jar.getEntry(entryName);
        if (entry == null || entry.isDirectory() || entry.getSize() > MAX_ENTRY_BYTES) {
            return null;
        }
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(MAX_ENTRY_BYTES + 1);
            return bytes.length > MAX_ENTRY_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        if (jar != null) {
            jar.close();
        }
    }
}
