package dev.vigil.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;

/**
 * The framework-free example, {@code examples/httpserver-app}: a JDK {@code HttpServer} and plain
 * JDBC, started the way its README says. Shared by the tests that run it; not part of the harness.
 */
final class HttpServerExample {

    static final String H2_URL = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";

    /** Items 1 to 5 exist after every start; nothing else does. */
    static final int ITEMS = 5;

    private static final String BUILD = "cd <repo root> && mvn -q -B -pl examples/httpserver-app -am package -DskipTests";

    private HttpServerExample() {
    }

    /** {@code java -Dapp.port=PORT -jar httpserver-app.jar}, on H2 unless the test sets {@code app.jdbc.url}. */
    static AppProcess.Builder onPort(int appPort) {
        // Logs are named after the test class (target/it-logs/JdbcIT-1.err), not after this one.
        String test = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass().getSimpleName();
        return AppProcess.jar(jar()).name(test).sysProp("app.port", appPort);
    }

    /** Waits for the app's {@code READY <port>} line: the schema is in place and requests are served. */
    static AppProcess awaitReady(AppProcess app, int appPort) {
        return app.awaitOutput("READY " + appPort, Duration.ofSeconds(60));
    }

    private static Path jar() {
        Path jar = Artifacts.examplesDir().resolve("httpserver-app/target/httpserver-app.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The example app jar is missing: " + jar + ". Build it first: " + BUILD);
        }
        return jar;
    }
}
