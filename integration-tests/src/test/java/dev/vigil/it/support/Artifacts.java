package dev.vigil.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build left the things the tests run: the agent jar, the test applications, the examples.
 * Surefire passes the locations as system properties (see integration-tests/pom.xml); running a test
 * from an IDE in this module's directory falls back to the same relative paths.
 */
public final class Artifacts {

    private static final String BUILD_AGENT = "cd <repo root> && mvn -q -B -pl agent -am package -DskipTests";
    private static final String BUILD_APPS = "cd <repo root> && mvn -q -B -pl "
            + "integration-tests/apps/spring-app,integration-tests/apps/jetty-app,integration-tests/apps/clashing-app"
            + " -am package -DskipTests";

    private Artifacts() {
    }

    /** {@code agent/target/vigil-agent.jar}; fails with the build command when it is missing. */
    public static Path agentJar() {
        Path jar = Path.of(System.getProperty("vigil.agent.jar", "../agent/target/vigil-agent.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Vigil agent jar is missing: " + jar
                    + " (system property vigil.agent.jar). Build it first: " + BUILD_AGENT);
        }
        return jar;
    }

    /** {@code integration-tests/apps}. */
    public static Path appsDir() {
        return Path.of(System.getProperty("vigil.apps.dir", "apps")).toAbsolutePath().normalize();
    }

    /** {@code examples/}. */
    public static Path examplesDir() {
        return Path.of(System.getProperty("vigil.examples.dir", "../examples")).toAbsolutePath().normalize();
    }

    /**
     * The runnable jar of a test application: {@code apps/<name>/target/<name>.jar}
     * ({@code spring-app}, {@code jetty-app}, {@code clashing-app}).
     */
    public static Path appJar(String name) {
        Path jar = appsDir().resolve(name).resolve("target").resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The test application jar is missing: " + jar
                    + ". Build the apps first: " + BUILD_APPS);
        }
        return jar;
    }

    /** An extension's jar: {@code extensions/<module>/target/vigil-extension-<module>.jar}, next to {@code examples/}. */
    public static Path extensionJar(String module) {
        Path jar = examplesDir().resolveSibling("extensions").resolve(module).resolve("target")
                .resolve("vigil-extension-" + module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The extension jar is missing: " + jar
                    + ". Build it first: cd <repo root> && mvn -q -B -pl extensions/" + module + " -am package -DskipTests");
        }
        return jar;
    }
}
