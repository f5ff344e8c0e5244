package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import com.sun.tools.attach.VirtualMachine;
import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import org.junit.jupiter.api.Test;

/**
 * The agent attached to an application that is already running ({@code agentmain}), the way a support
 * engineer would: {@code VirtualMachine.attach(pid).loadAgent(vigil-agent.jar)}. Handler and driver
 * classes loaded before the attach are retransformed, classes loaded after it are instrumented as they
 * load, and from the attach on every request and statement is counted exactly; nothing before it is.
 *
 * <p>The app is {@code apps/hardening-app} on the JDK HttpServer and H2. The agent's settings are
 * system properties the app was started with; nothing about the agent is on its command line.
 */
class AttachIT {

    @Test
    void anAgentAttachedAtRuntimeCountsRequestsAndStatementsFromThenOn() throws Exception {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = AppProcess.jar(Artifacts.appJar("hardening-app"))
                .sysProp("sun.net.httpserver.nodelay", true)
                .sysProp("vigil.metrics.host", "127.0.0.1")
                .sysProp("vigil.metrics.port", metricsPort)
                .arg(String.valueOf(appPort))
                .start()) {
            app.awaitOutput("READY " + appPort, Duration.ofSeconds(60));
            // Before the attach: the handler, the JDK HttpServer's filter chain and H2's statements are loaded and used.
            assertThat(Http.hammer(20, 4, i -> Http.request(appPort, "/items/" + i).GET().build())).isEqualTo(Map.of(200, 20));
            assertThat(Http.hammer(10, 2, i -> Http.request(appPort, "/db").GET().build())).isEqualTo(Map.of(200, 10));
            assertThat(listening(metricsPort)).as("no agent yet").isFalse();

            VirtualMachine vm = VirtualMachine.attach(String.valueOf(app.pid()));
            try {
                vm.loadAgent(Artifacts.agentJar().toString());
            } finally {
                vm.detach();
            }
            app.awaitOutput("attached at runtime", Duration.ofSeconds(30));
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));

            // After: a handler class loaded before the attach, one loaded after it, and H2 loaded before.
            assertThat(Http.hammer(30, 4, i -> Http.request(appPort, "/items/" + i).GET().build())).isEqualTo(Map.of(200, 30));
            assertThat(Http.post(appPort, "/register-late", "").status()).isEqualTo(201);
            assertThat(Http.hammer(25, 4, i -> Http.request(appPort, "/late/" + i).GET().build())).isEqualTo(Map.of(200, 25));
            assertThat(Http.hammer(15, 2, i -> Http.request(appPort, "/db").GET().build())).isEqualTo(Map.of(200, 15));

            int requests = 30 + 1 + 25 + 15;
            Scrape scrape = Scrape.awaitValue(metricsPort, Contract.HTTP_COUNT, Map.of(), requests);
            String shown = scrape.lines(Contract.HTTP_COUNT) + scrape.lines(Contract.DB_COUNT) + "\n" + app.logTail();
            assertThat(scrape.value(Contract.HTTP_COUNT)).as("only requests after the attach" + shown).isEqualTo(requests);
            assertThat(scrape.value(Contract.HTTP_COUNT, Map.of("http_route", "/items/{id}", "http_response_status_code", "200")))
                    .as(shown).isEqualTo(30);
            assertThat(scrape.value(Contract.HTTP_COUNT, Map.of("http_route", "/late/{id}", "http_response_status_code", "200")))
                    .as("a handler class loaded after the attach" + shown).isEqualTo(25);
            assertThat(scrape.value(Contract.HTTP_COUNT, Map.of("http_route", "/register-late", "http_request_method", "POST")))
                    .as(shown).isEqualTo(1);
            Map<String, String> select = Map.of("db_system_name", "h2", "db_operation_name", "SELECT", "db_collection_name", "t0");
            assertThat(scrape.value(Contract.DB_COUNT, select)).as("statements of a driver loaded before the attach" + shown)
                    .isEqualTo(15);
            assertThat(scrape.value(Contract.DB_QUERIES_PER_REQUEST + "_sum", Map.of("http_route", "/db")))
                    .as("and tied to their requests" + shown).isEqualTo(15);
            assertThat(app.stderr()).as("nothing could not be instrumented").doesNotContain("could not instrument");
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
