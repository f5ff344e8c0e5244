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
import java.util.List;
import java.util.Map;

/**
 * What every test application of a routing framework answers alike (HelidonIT, JavalinIT, SparkIT, KtorIT, JoobyIT), and the checks
 * on it: {@code GET /orders/{id}} (behind a before-filter on {@code /orders/*} where the framework has them),
 * {@code POST /orders} (201), {@code GET /orders/{id}/invalid} (400), {@code GET /fail} (the handler throws an
 * {@code IllegalStateException}), {@code GET /missing/{name}} (throws an {@code IllegalArgumentException} that the
 * application's error handler answers with a 404), and {@code GET /traced} (logs "traced request answered" as JSON
 * on stdout). Each app prints {@code <name> listening} once it serves. Each check measures the change its own
 * requests made, so one start serves them all.
 */
final class RouteContract {
    private static final Duration START = Duration.ofSeconds(60);

    /** An application under the agent, on its own ports. */
    record Served(AppProcess app, int appPort, int metricsPort) {
        /** {@code java -javaagent:vigil-agent.jar -jar <name>.jar PORT [ARG...]}, not waited for: see {@link #awaitReady}. */
        static Served start(String name, String... args) {
            int appPort = AppProcess.freePort();
            int metricsPort = AppProcess.freePort();
            AppProcess.Builder builder = AppProcess.jar(Artifacts.appJar(name))
                    .withAgent()
                    .sysProp("vigil.metrics.port", metricsPort)
                    .arg(String.valueOf(appPort));
            for (String arg : args) {
                builder.arg(arg);
            }
            return new Served(builder.start(), appPort, metricsPort);
        }

        Served awaitReady(String name) {
            app.awaitOutput(name + " listening", START);
            app.awaitHttp(metricsPort, "/metrics", START);
            return this;
        }
    }

    private RouteContract() {
    }

    /** 120 requests from 6 threads, counted exactly under their templates; no id or query string in any label. */
    static void countsEachRequestExactlyUnderItsTemplate(Served served, String orderTemplate) {
        int n = 120;
        Map<String, String> order = series("GET", orderTemplate, "200", "");
        Map<String, String> created = series("POST", "/orders", "201", "");
        Scrape before = Scrape.fetch(served.metricsPort());

        Map<Integer, Integer> statuses = Http.hammer(n, 6, i -> switch (i % 3) {
            case 0 -> Http.request(served.appPort(), "/orders/" + (i + 1) + "?card=4111111111111111").GET().build();
            case 1 -> Http.request(served.appPort(), "/orders").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            default -> Http.request(served.appPort(), "/orders/order-" + i).GET().build();
        });

        assertThat(statuses).containsOnly(entry(200, 2 * n / 3), entry(201, n / 3));
        Scrape after = Scrape.awaitValue(served.metricsPort(), HTTP_COUNT, Map.of(),
                before.value(HTTP_COUNT, Map.of()) + n);
        assertThat(delta(before, after, order)).as("GET /orders/<id>%s", after.lines(HTTP_COUNT)).isEqualTo(2 * n / 3);
        assertThat(delta(before, after, created)).as("POST /orders%s", after.lines(HTTP_COUNT)).isEqualTo(n / 3);
        assertThat(delta(before, after, Map.of())).as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(n);
        assertThat(after.text()).as("no query string anywhere").doesNotContain("4111111111111111");
        assertThat(after.labelValues(HTTP_COUNT, "http_route")).as("no id in a route")
                .noneMatch(route -> route.matches(".*/(order-)?[0-9]+.*"));
    }

    /**
     * A handler's exception is a 500 with the exception's class as {@code error_type}; a 400 the handler answered,
     * an exception the application maps to a 404 and an unrouted path are no errors.
     */
    static void aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError(Served served, String invalidTemplate,
                                                                      String missingTemplate) {
        Map<String, String> failed = series("GET", "/fail", "500", "java.lang.IllegalStateException");
        Map<String, String> invalid = series("GET", invalidTemplate, "400", "");
        Map<String, String> mapped = series("GET", missingTemplate, "404", "");
        Map<String, String> unrouted = series("GET", "NOT_FOUND", "404", "");
        Scrape before = Scrape.fetch(served.metricsPort());

        List<String> paths = List.of("/fail", "/orders/7/invalid", "/missing/thing", "/no/such/page");
        Map<Integer, Integer> statuses = Http.hammer(12, 3,
                i -> Http.request(served.appPort(), paths.get(i % 4)).GET().build());

        assertThat(statuses).containsOnly(entry(500, 3), entry(400, 3), entry(404, 6));
        Scrape after = Scrape.awaitValue(served.metricsPort(), HTTP_COUNT, Map.of(),
                before.value(HTTP_COUNT, Map.of()) + 12);
        for (Map<String, String> each : List.of(failed, invalid, mapped, unrouted)) {
            assertThat(delta(before, after, each)).as("%s%s", each, after.lines(HTTP_COUNT)).isEqualTo(3);
        }
        assertThat(delta(before, after, Map.of())).as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(12);
    }

    /** A log line the handler writes carries the trace id of the request's incoming {@code traceparent}. */
    static void aLogLineWrittenInARequestCarriesItsTraceId(Served served) {
        aLogLineWrittenInARequestCarriesItsTraceId(served, "/traced", "traced request answered");
    }

    /** The same for the line {@code message} that {@code GET path} logs. */
    static void aLogLineWrittenInARequestCarriesItsTraceId(Served served, String path, String message) {
        Traceparent incoming = Traceparent.random();
        int skip = JsonLogs.stdout(served.app()).size();

        Http.Response response = Http.send(Http.request(served.appPort(), path)
                .header("traceparent", incoming.header()).GET().build());

        assertThat(response.status()).isEqualTo(200);
        List<JsonLogs.Event> lines = JsonLogs.await(served.app(), skip, JsonLogs.message(message), 1,
                Duration.ofSeconds(10));
        assertThat(lines).as("\"%s\"%s", message, JsonLogs.describe(served.app(), skip)).hasSize(1);
        assertThat(lines.get(0).field("trace_id")).as("trace_id of %s", lines.get(0)).isEqualTo(incoming.traceId());
    }

    /** No error of the agent's own, and no word that no server instrumentation saw the requests. */
    static void theAgentReportsNoErrorOfItsOwn(Served served) {
        assertThat(Http.get(served.appPort(), "/orders/1").status()).isEqualTo(200);
        Scrape scrape = Scrape.fetch(served.metricsPort());
        assertThat(scrape.samples("vigil_agent_errors_total", Map.of()))
                .as("the agent's own errors%n%s", served.app().stderr()).isEmpty();
        assertThat(served.app().stderr().lines().filter(line -> line.contains("no HTTP server instrumentation matched")))
                .as(served.app().logTail()).isEmpty();
    }

    static Map<String, String> series(String method, String route, String status, String errorType) {
        return Map.of("http_request_method", method, "http_route", route, "http_response_status_code", status,
                "error_type", errorType);
    }

    static double delta(Scrape before, Scrape after, Map<String, String> labels) {
        return after.value(HTTP_COUNT, labels) - before.value(HTTP_COUNT, labels);
    }
}
