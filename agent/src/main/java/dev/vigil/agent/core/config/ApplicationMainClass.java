package dev.vigil.agent.core.config;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Manifest;

/**
 * The application's own main class, as the JVM was told to run it: a Spring Boot jar's {@code Start-Class}
 * (its {@code Main-Class} is Spring's launcher), else the jar's {@code Main-Class}, else the class named on
 * the command line ({@code sun.java.command}). Reads one manifest, never scans the jar.
 */
public final class ApplicationMainClass {
    private ApplicationMainClass() {
    }

    /** The main class, or null when the command line names none that can be read. */
    public static String of(Map<String, String> systemProperties) {
        String command = systemProperties.get("sun.java.command");
        String named = ServiceIdentity.mainClassOf(command);
        Path workDir = null;
        try {
            String dir = systemProperties.get("user.dir");
            workDir = dir == null ? null : Path.of(dir);
        } catch (InvalidPathException e) {
            // no working directory: an absolute jar path still works
        }
        Path archive = ServiceIdentity.archiveOf(command, workDir, systemProperties.get("java.class.path"));
        if (archive != null) {
            try (AppArchive jar = AppArchive.open(archive)) {
                Manifest manifest = jar.manifest();
                if (manifest != null) {
                    String start = manifest.getMainAttributes().getValue("Start-Class");
                    if (start != null && !start.isBlank()) {
                        return start.strip();
                    }
                    String main = manifest.getMainAttributes().getValue("Main-Class");
                    if (named == null && main != null && !main.isBlank()) {
                        return main.strip();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not a jar we can read: the command line may still name the class
            }
        }
        return named;
    }
}
