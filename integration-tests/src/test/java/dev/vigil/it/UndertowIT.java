package dev.vigil.it;

import static dev.vigil.it.support.Contract.HTTP_COUNT;
import static dev.vigil.it.support.Contract.HTTP_SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -javaagent:vigil-agent.jar -jar undertow-app.jar PORT}: servlets on Undertow under the context path
 * {@code /shop}, measured by the servlet instrumentation like on Tomcat and Jetty.
 */
class UndertowIT {
    private static final Duration START = Duration.ofSeconds(60);
    /** UndertowApp.LATER_MILLIS: the async servlet's request completes this long after the servlet returned. */
    private static final double LATER_SECONDS = 0.3;

    private static AppProcess app;
    private static int port;
    private static int metricsPort;

    @BeforeAll
    static void startApp() {
        port = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = AppProcess.jar(Artifacts.appJar("undertow-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg(String.valueOf(port))
                .start();
        app.awaitOutput("undertow-app listening", START);
        app.awaitHttp(metricsPort, "/metrics", START);
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void countsEachRequestOnceUnderTheContextPath() {
        int n = 90;
        Map<String, String> order = Map.of("http_route", "/shop/orders/{id}", "http_request_method", "GET",
                "http_response_status_code", "200");
        Map<String, String> checkout = Map.of("http_route", "/shop/checkout", "http_request_method", "POST",
                "http_response_status_code", "201");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(n, 6, i -> i % 3 == 0
                ? Http.request(port, "/shop/checkout").POST(HttpRequest.BodyPublishers.noBody()).build()
                : Http.request(port, "/shop/orders/" + ThreadLocalRandom.current().nextInt(1, 1_000_000)).GET().build());

        assertThat(statuses).containsOnly(entry(200, 2 * n / 3), entry(201, n / 3));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, order, before.value(HTTP_COUNT, order) + 2 * n / 3);
        assertThat(after.value(HTTP_COUNT, order) - before.value(HTTP_COUNT, order))
                .as("GET /shop/orders/<id>, a prefix mapping: the normalised path%s", after.lines(HTTP_COUNT))
                .isEqualTo(2 * n / 3);
        assertThat(after.value(HTTP_COUNT, checkout) - before.value(HTTP_COUNT, checkout))
                .as("POST /shop/checkout, an exact mapping%s", after.lines(HTTP_COUNT)).isEqualTo(n / 3);
    }

    @Test
    void aServletsExceptionIsA500WithItsTypeAndAnAsyncRequestIsTimedToItsCompletion() {
        Map<String, String> failed = Map.of("http_route", "/shop/fail", "http_response_status_code", "500",
                "error_type", "java.lang.IllegalStateException");
        Map<String, String> later = Map.of("http_route", "/shop/later", "http_response_status_code", "200");
        Scrape before = Scrape.fetch(metricsPort);

        for (int i = 0; i < 4; i++) {
            assertThat(Http.get(port, "/shop/fail").status()).isEqualTo(500);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(port, "/shop/later").status()).isEqualTo(200);
        }

        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, later, before.value(HTTP_COUNT, later) + 3);
        assertThat(after.value(HTTP_COUNT, failed) - before.value(HTTP_COUNT, failed))
                .as("GET /shop/fail%s", after.lines(HTTP_COUNT)).isEqualTo(4);
        assertThat(after.value(HTTP_COUNT, later) - before.value(HTTP_COUNT, later))
                .as("GET /shop/later%s", after.lines(HTTP_COUNT)).isEqualTo(3);
        // A lower bound only: each request completed at least LATER_SECONDS after its servlet returned.
        assertThat(after.value(HTTP_SUM, later) - before.value(HTTP_SUM, later))
                .as("seconds recorded for 3 requests completed %.1f s later", LATER_SECONDS)
                .isGreaterThanOrEqualTo(3 * LATER_SECONDS);
    }
}
