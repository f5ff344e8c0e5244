package dev.vigil.it;

import static dev.vigil.it.support.Contract.HTTP_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -javaagent:vigil-agent.jar -jar jaxrs-app.jar PORT}: Jersey resources behind a servlet
 * mapped at {@code /api/*}. The route is the application's own declaration: the application path
 * joined with the class and method {@code @Path}s, regexes dropped.
 */
class JaxRsIT {
    private static AppProcess app;
    private static int port;
    private static int metricsPort;

    @BeforeAll
    static void startApp() {
        port = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = AppProcess.jar(Artifacts.appJar("jaxrs-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg(String.valueOf(port))
                .start();
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(60));
        app.awaitHttp(port, "/", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void recordsTheDeclaredTemplateUnderTheApplicationPath() {
        int n = 120;
        Map<String, String> order = Map.of("http_route", "/api/orders/{orderId}", "http_request_method", "GET",
                "http_response_status_code", "200");
        Map<String, String> line = Map.of("http_route", "/api/orders/{orderId}/lines/{line}",
                "http_response_status_code", "200");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(n, 6, i -> Http.request(port, i % 2 == 0
                ? "/api/orders/" + ThreadLocalRandom.current().nextInt(1, 1_000_000)
                : "/api/orders/" + i + "/lines/" + ThreadLocalRandom.current().nextInt(1, 50)).GET().build());

        assertThat(statuses).containsExactly(entry(200, n));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, line, before.value(HTTP_COUNT, line) + n / 2);
        assertThat(after.value(HTTP_COUNT, order) - before.value(HTTP_COUNT, order))
                .as("GET /api/orders/<id>%s", after.lines(HTTP_COUNT)).isEqualTo(n / 2);
        assertThat(after.value(HTTP_COUNT, line) - before.value(HTTP_COUNT, line))
                .as("GET /api/orders/<id>/lines/<n>, {orderId: [0-9]+} without its regex%s", after.lines(HTTP_COUNT))
                .isEqualTo(n / 2);
    }

    @Test
    void aTemplateDeclaredOnAnInterfaceIsTheRoute() {
        int n = 40;
        Map<String, String> customer = Map.of("http_route", "/api/customers/{customerId}", "http_request_method", "GET",
                "http_response_status_code", "200");
        Map<String, String> order = Map.of("http_route", "/api/customers/{customerId}/orders/{orderId}",
                "http_response_status_code", "200");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(n, 4, i -> Http.request(port, i % 2 == 0
                ? "/api/customers/" + ThreadLocalRandom.current().nextInt(1, 1_000_000)
                : "/api/customers/" + i + "/orders/" + ThreadLocalRandom.current().nextInt(1, 1_000_000)).GET().build());

        assertThat(statuses).containsExactly(entry(200, n));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, order, before.value(HTTP_COUNT, order) + n / 2);
        assertThat(after.value(HTTP_COUNT, customer) - before.value(HTTP_COUNT, customer))
                .as("GET /api/customers/<id>, @Path on the interface%s", after.lines(HTTP_COUNT)).isEqualTo(n / 2);
        assertThat(after.value(HTTP_COUNT, order) - before.value(HTTP_COUNT, order))
                .as("GET /api/customers/<id>/orders/<id>%s", after.lines(HTTP_COUNT)).isEqualTo(n / 2);
    }

    @Test
    void aResourceMethodWithoutItsOwnPathUsesTheClassPath() {
        Map<String, String> created = Map.of("http_route", "/api/orders", "http_request_method", "POST",
                "http_response_status_code", "201");
        Scrape before = Scrape.fetch(metricsPort);

        assertThat(Http.post(port, "/api/orders", "").status()).isEqualTo(201);

        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, created, before.value(HTTP_COUNT, created) + 1);
        assertThat(after.value(HTTP_COUNT, created) - before.value(HTTP_COUNT, created))
                .as("POST /api/orders%s", after.lines(HTTP_COUNT)).isEqualTo(1);
    }

    @Test
    void aFailingResourceIsA500UnderItsRoute() {
        Map<String, String> failed = Map.of("http_route", "/api/orders/fail", "http_response_status_code", "500");
        Scrape before = Scrape.fetch(metricsPort);

        assertThat(Http.get(port, "/api/orders/fail").status()).isEqualTo(500);

        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, failed, before.value(HTTP_COUNT, failed) + 1);
        assertThat(after.value(HTTP_COUNT, failed) - before.value(HTTP_COUNT, failed))
                .as("GET /api/orders/fail%s", after.lines(HTTP_COUNT)).isEqualTo(1);
        assertThat(after.labelValues(HTTP_COUNT, "error_type")).as("error_type of the failure")
                .anyMatch(type -> !type.isEmpty());
    }
}
