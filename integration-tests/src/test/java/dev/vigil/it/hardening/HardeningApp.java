package dev.vigil.it.hardening;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;

/**
 * {@code integration-tests/apps/hardening-app}: a JDK HttpServer app on H2 that answers any URL
 * (404 under {@code /missing}), executes the SQL it is sent ({@code POST /sql}), hands the agent
 * JDBC and HttpExchange objects of its own that throw, and runs a priority thread pool. See the app's
 * {@code HardeningApp} for its routes.
 */
final class HardeningApp {

    private HardeningApp() {
    }

    /** {@code java -jar hardening-app.jar APP_PORT PLAIN_PORT}: the JDK HttpServer and the hand-written one. */
    static AppProcess.Builder onPorts(int appPort, int plainPort) {
        return withPorts(AppProcess.jar(Artifacts.appJar("hardening-app")), appPort, plainPort);
    }

    /** The same, with a folder of the application's resources on its class path after its jar. */
    static AppProcess.Builder onPorts(int appPort, int plainPort, Path resources) {
        return withPorts(AppProcess.mainClass("dev.vigil.it.apps.hardening.HardeningApp",
                List.of(Artifacts.appJar("hardening-app"), resources)), appPort, plainPort);
    }

    private static AppProcess.Builder withPorts(AppProcess.Builder app, int appPort, int plainPort) {
        return app
                // The JDK HttpServer writes a response's head and body separately; with Nagle's algorithm on,
                // the client's delayed ACK then holds every keep-alive response for ~40 ms, which would make a
                // 100,000-request flood take ten minutes instead of one.
                .sysProp("sun.net.httpserver.nodelay", true)
                .arg(String.valueOf(appPort))
                .arg(String.valueOf(plainPort));
    }

    /** Waits for {@code READY <port>}: the tables exist and both servers accept requests. */
    static AppProcess awaitReady(AppProcess app, int appPort) {
        return app.awaitOutput("READY " + appPort, Duration.ofSeconds(60));
    }
}
