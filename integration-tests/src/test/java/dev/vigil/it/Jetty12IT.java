package dev.vigil.it;

import static dev.vigil.it.support.Contract.HTTP_COUNT;
import static dev.vigil.it.support.Contract.HTTP_SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;

/**
 * {@code java -javaagent:vigil-agent.jar -jar jetty-app.jar A B}: plain servlets on Jetty 12, once on
 * its ee10 environment (jakarta.servlet) and once on ee8 (javax.servlet), in one JVM. No framework
 * knows the routes, so they are the agent's normalised paths.
 */
class Jetty12IT {

    /** The two servlet APIs, each on its own port of the one application. */
    enum Servlets {
        JAKARTA_EE10, JAVAX_EE8;

        int port() {
            return this == JAKARTA_EE10 ? jakartaPort : javaxPort;
        }
    }

    private static AppProcess app;
    private static int jakartaPort;
    private static int javaxPort;
    private static int metricsPort;

    @BeforeAll
    static void startApp() {
        jakartaPort = AppProcess.freePort();
        javaxPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = AppProcess.jar(Artifacts.appJar("jetty-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg(String.valueOf(jakartaPort))
                .arg(String.valueOf(javaxPort))
                .start();
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(60));
        // Any answer will do: no servlet is mapped at "/", so these are 404s no test counts.
        app.awaitHttp(jakartaPort, "/", Duration.ofSeconds(60));
        app.awaitHttp(javaxPort, "/", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Servlets.class)
    void countsEachRequestExactlyOnceUnderConcurrency(Servlets servlets) {
        int n = 200;
        Map<String, String> items = Map.of(
                "http_route", "/items/{id}",
                "http_request_method", "GET",
                "http_response_status_code", "200",
                "error_type", "");
        Scrape before = Scrape.settled(metricsPort, HTTP_COUNT);

        Map<Integer, Integer> statuses = Http.hammer(n, 8, i -> Http.request(servlets.port(),
                "/items/" + ThreadLocalRandom.current().nextInt(1, 100_000)).GET().build());

        assertThat(statuses).containsExactly(entry(200, n));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, items, before.value(HTTP_COUNT, items) + n);
        assertThat(after.value(HTTP_COUNT, items) - before.value(HTTP_COUNT, items))
                .as("GET /items/<n> counted under /items/{id}%s", after.lines(HTTP_COUNT))
                .isEqualTo(n);
        assertThat(after.value(HTTP_COUNT, Map.of()) - before.value(HTTP_COUNT, Map.of()))
                .as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(n);
    }

    @ParameterizedTest
    @EnumSource(Servlets.class)
    void anAsyncRequestIsCountedOnceWithItsStatusAndFullDuration(Servlets servlets) {
        int n = 10;
        Map<String, String> accepted = Map.of(
                "http_route", "/async",
                "http_request_method", "GET",
                "http_response_status_code", "202",
                "error_type", "");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(n, 4, i -> Http.request(servlets.port(), "/async").GET().build());

        assertThat(statuses).containsExactly(entry(202, n));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, accepted, before.value(HTTP_COUNT, accepted) + n);
        assertThat(after.value(HTTP_COUNT, accepted) - before.value(HTTP_COUNT, accepted))
                .as("async requests counted once, with the status set on completion%s", after.lines(HTTP_COUNT))
                .isEqualTo(n);
        assertThat(after.value(HTTP_COUNT, Map.of("http_route", "/async")) - before.value(HTTP_COUNT, Map.of("http_route", "/async")))
                .as("no second series for /async (the 200 the servlet thread saw when it returned)%s", after.lines(HTTP_COUNT))
                .isEqualTo(n);
        // The servlet returns at once; the response is completed ~50 ms later on another thread.
        assertThat(after.value(HTTP_SUM, accepted) - before.value(HTTP_SUM, accepted))
                .as("seconds recorded for %d async requests of >= 50 ms each%s", n, after.lines(HTTP_SUM))
                .isGreaterThanOrEqualTo(n * 0.05);
    }

    @ParameterizedTest
    @EnumSource(Servlets.class)
    void anExceptionIsA500WithItsType(Servlets servlets) {
        Map<String, String> boom = Map.of(
                "http_route", "/boom",
                "http_request_method", "GET",
                "http_response_status_code", "500",
                "error_type", "dev.vigil.it.apps.jetty.BoomException");
        Scrape before = Scrape.settled(metricsPort, HTTP_COUNT);

        Map<Integer, Integer> statuses = Http.hammer(5, 2, i -> Http.request(servlets.port(), "/boom").GET().build());

        assertThat(statuses).containsExactly(entry(500, 5));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, boom, before.value(HTTP_COUNT, boom) + 5);
        assertThat(after.value(HTTP_COUNT, boom) - before.value(HTTP_COUNT, boom))
                .as("/boom counted as 500 with the exception's class%s", after.lines(HTTP_COUNT))
                .isEqualTo(5);
        assertThat(after.value(HTTP_COUNT, Map.of()) - before.value(HTTP_COUNT, Map.of()))
                .as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(Servlets.class)
    void a5xxWithoutExceptionHasItsStatusAsErrorType(Servlets servlets) {
        Map<String, String> unavailable = Map.of(
                "http_route", "/status",
                "http_request_method", "GET",
                "http_response_status_code", "503",
                "error_type", "503");
        Scrape before = Scrape.fetch(metricsPort);

        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(servlets.port(), "/status?code=503").status()).isEqualTo(503);
        }

        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, unavailable, before.value(HTTP_COUNT, unavailable) + 3);
        assertThat(after.value(HTTP_COUNT, unavailable) - before.value(HTTP_COUNT, unavailable))
                .as("/status?code=503 counted under /status with error_type \"503\"%s", after.lines(HTTP_COUNT))
                .isEqualTo(3);
        assertThat(after.text()).doesNotContain("code=503");
    }
}
