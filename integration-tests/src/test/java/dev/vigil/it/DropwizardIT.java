package dev.vigil.it;

import static dev.vigil.it.support.Contract.HTTP_COUNT;
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
 * {@code java -javaagent:vigil-agent.jar -jar dropwizard-app.jar server}: a Dropwizard application (Jersey on
 * Jetty, its own Logback and metrics), with the resource's JAX-RS templates as routes.
 */
class DropwizardIT {
    private static final Duration START = Duration.ofSeconds(90);

    private static AppProcess app;
    private static int port;
    private static int metricsPort;

    @BeforeAll
    static void startApp() {
        port = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = AppProcess.jar(Artifacts.appJar("dropwizard-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("dw.server.applicationConnectors[0].port", port)
                .sysProp("dw.server.applicationConnectors[0].bindHost", "127.0.0.1")
                .sysProp("dw.server.adminConnectors[0].port", AppProcess.freePort())
                .sysProp("dw.server.adminConnectors[0].bindHost", "127.0.0.1")
                .arg("server")
                .start();
        app.awaitHttp(port, "/orders/1", START);
        app.awaitHttp(metricsPort, "/metrics", START);
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void countsEachRequestExactlyUnderItsJaxRsTemplate() {
        int n = 90;
        Map<String, String> order = Map.of("http_route", "/orders/{orderId}", "http_request_method", "GET",
                "http_response_status_code", "200");
        Map<String, String> created = Map.of("http_route", "/orders", "http_request_method", "POST",
                "http_response_status_code", "201");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(n, 6, i -> i % 3 == 0
                ? Http.request(port, "/orders").POST(HttpRequest.BodyPublishers.noBody()).build()
                : Http.request(port, "/orders/" + ThreadLocalRandom.current().nextInt(1, 1_000_000)).GET().build());

        assertThat(statuses).containsOnly(entry(200, 2 * n / 3), entry(201, n / 3));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, order, before.value(HTTP_COUNT, order) + 2 * n / 3);
        assertThat(after.value(HTTP_COUNT, order) - before.value(HTTP_COUNT, order))
                .as("GET /orders/<id>%s", after.lines(HTTP_COUNT)).isEqualTo(2 * n / 3);
        assertThat(after.value(HTTP_COUNT, created) - before.value(HTTP_COUNT, created))
                .as("POST /orders%s", after.lines(HTTP_COUNT)).isEqualTo(n / 3);
    }

    @Test
    void aFailingResourceIsA500AndAnUnknownPathIsNotFound() {
        Map<String, String> failed = Map.of("http_route", "/orders/fail", "http_response_status_code", "500",
                "error_type", "500");
        Map<String, String> missing = Map.of("http_route", "NOT_FOUND", "http_response_status_code", "404",
                "error_type", "");
        Scrape before = Scrape.fetch(metricsPort);

        for (int i = 0; i < 4; i++) {
            assertThat(Http.get(port, "/orders/fail").status()).isEqualTo(500);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(port, "/no/such/page/" + i).status()).isEqualTo(404);
        }

        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, missing, before.value(HTTP_COUNT, missing) + 3);
        assertThat(after.value(HTTP_COUNT, failed) - before.value(HTTP_COUNT, failed))
                .as("GET /orders/fail, answered 500 by Dropwizard's exception mapper%s", after.lines(HTTP_COUNT))
                .isEqualTo(4);
        assertThat(after.value(HTTP_COUNT, missing) - before.value(HTTP_COUNT, missing))
                .as("unknown paths%s", after.lines(HTTP_COUNT)).isEqualTo(3);
    }
}
