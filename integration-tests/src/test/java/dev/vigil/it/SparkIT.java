package dev.vigil.it;

import static dev.vigil.it.support.Contract.HTTP_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.JsonLogs;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Traceparent;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -javaagent:vigil-agent.jar -jar spark-app.jar PORT}: Spark Java 2 on its embedded Jetty 9, timed by the
 * servlet instrumentation; the route is the path of the route Spark found, as declared ({@code /orders/:id}; a
 * before-filter on a wider path does not take its place), and the exception Spark answered names a 5xx.
 *
 * <p>One application serves every test; each test measures the change its own requests made.
 */
class SparkIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Map<String, Running> APPS = new LinkedHashMap<>();

    /** An application under the agent, on its own ports. */
    private record Running(AppProcess app, int appPort, int metricsPort) {
    }

    @BeforeAll
    static void startApps() {
        for (String name : List.of("spark-app")) {
            int appPort = AppProcess.freePort();
            int metricsPort = AppProcess.freePort();
            AppProcess app = AppProcess.jar(Artifacts.appJar(name))
                    .withAgent()
                    .sysProp("vigil.metrics.port", metricsPort)
                    .arg(String.valueOf(appPort))
                    .start();
            APPS.put(name, new Running(app, appPort, metricsPort));
        }
        for (Map.Entry<String, Running> each : APPS.entrySet()) {
            each.getValue().app().awaitOutput(each.getKey() + " listening", START);
            each.getValue().app().awaitHttp(each.getValue().metricsPort(), "/metrics", START);
        }
    }

    @AfterAll
    static void stopApps() {
        APPS.values().forEach(running -> running.app().close());
    }

    @Test
    void requestsAreCountedExactlyUnderTheRouteSparkFound() {
        Running running = APPS.get("spark-app");
        int appPort = running.appPort();
        int metricsPort = running.metricsPort();
        int n = 120;
        Map<String, String> order = series("GET", "/orders/:id", "200", "");
        Map<String, String> created = series("POST", "/orders", "201", "");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(n, 6, i -> switch (i % 3) {
            case 0 -> Http.request(appPort, "/orders/" + (i + 1) + "?card=4111111111111111").GET().build();
            case 1 -> Http.request(appPort, "/orders").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            default -> Http.request(appPort, "/orders/order-" + i).GET().build();
        });

        assertThat(statuses).containsOnly(entry(200, 2 * n / 3), entry(201, n / 3));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, Map.of(), before.value(HTTP_COUNT, Map.of()) + n);
        assertThat(delta(before, after, order)).as("GET /orders/<id>, behind a before-filter on /orders/*%s",
                after.lines(HTTP_COUNT)).isEqualTo(2 * n / 3);
        assertThat(delta(before, after, created)).as("POST /orders%s", after.lines(HTTP_COUNT)).isEqualTo(n / 3);
        assertThat(delta(before, after, Map.of())).as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(n);
        assertThat(after.text()).as("no query string anywhere").doesNotContain("4111111111111111");
        assertThat(after.labelValues(HTTP_COUNT, "http_route")).as("no id in a route")
                .noneMatch(route -> route.matches(".*/(order-)?[0-9]+.*"));
    }

    @Test
    void aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError() {
        Running running = APPS.get("spark-app");
        int appPort = running.appPort();
        int metricsPort = running.metricsPort();
        Map<String, String> failed = series("GET", "/fail", "500", "java.lang.IllegalStateException");
        Map<String, String> invalid = series("GET", "/orders/:id/invalid", "400", "");
        Map<String, String> mapped = series("GET", "/missing/:name", "404", "");
        Map<String, String> unrouted = series("GET", "NOT_FOUND", "404", "");
        Scrape before = Scrape.fetch(metricsPort);

        List<String> paths = List.of("/fail", "/orders/7/invalid", "/missing/thing", "/no/such/page");
        Map<Integer, Integer> statuses = Http.hammer(12, 3, i -> Http.request(appPort, paths.get(i % 4)).GET().build());

        assertThat(statuses).containsOnly(entry(500, 3), entry(400, 3), entry(404, 6));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, Map.of(), before.value(HTTP_COUNT, Map.of()) + 12);
        for (Map<String, String> each : List.of(failed, invalid, mapped, unrouted)) {
            assertThat(delta(before, after, each)).as("%s%s", each, after.lines(HTTP_COUNT)).isEqualTo(3);
        }
        assertThat(delta(before, after, Map.of())).as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(12);
    }

    @Test
    void aLogLineWrittenInARequestCarriesItsTraceId() {
        AppProcess app = APPS.get("spark-app").app();
        int appPort = APPS.get("spark-app").appPort();
        Traceparent incoming = Traceparent.random();
        int skip = JsonLogs.stdout(app).size();

        Http.Response response = Http.send(Http.request(appPort, "/traced")
                .header("traceparent", incoming.header()).GET().build());

        assertThat(response.status()).isEqualTo(200);
        List<JsonLogs.Event> lines = JsonLogs.await(app, skip, JsonLogs.message("traced request answered"), 1,
                Duration.ofSeconds(10));
        assertThat(lines).as("\"traced request answered\"%s", JsonLogs.describe(app, skip)).hasSize(1);
        assertThat(lines.get(0).field("trace_id")).as("trace_id of %s", lines.get(0)).isEqualTo(incoming.traceId());
    }

    @Test
    void theAgentReportsNoErrorOfItsOwn() {
        AppProcess app = APPS.get("spark-app").app();
        int appPort = APPS.get("spark-app").appPort();
        int metricsPort = APPS.get("spark-app").metricsPort();
        assertThat(Http.get(appPort, "/orders/1").status()).isEqualTo(200);
        Scrape scrape = Scrape.fetch(metricsPort);
        assertThat(scrape.samples("vigil_agent_errors_total", Map.of())).as("the agent's own errors%n%s", app.stderr())
                .isEmpty();
        assertThat(app.stderr().lines().filter(line -> line.contains("no HTTP server instrumentation matched")))
                .as(app.logTail()).isEmpty();
    }

    private static Map<String, String> series(String method, String route, String status, String errorType) {
        return Map.of("http_request_method", method, "http_route", route, "http_response_status_code", status,
                "error_type", errorType);
    }

    private static double delta(Scrape before, Scrape after, Map<String, String> labels) {
        return after.value(HTTP_COUNT, labels) - before.value(HTTP_COUNT, labels);
    }
}
