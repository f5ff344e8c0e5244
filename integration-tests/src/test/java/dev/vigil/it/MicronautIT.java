package dev.vigil.it;

import static dev.vigil.it.support.Contract.HTTP_COUNT;
import static dev.vigil.it.support.Contract.HTTP_SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.JsonLogs;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Traceparent;

/**
 * {@code java -javaagent:vigil-agent.jar -jar micronaut-app.jar}: Micronaut 4 controllers on Micronaut's own
 * Netty server, with answers that come later from Reactor's threads and server-sent event streams.
 *
 * <p>One application serves every test; each test measures the change its own requests made, on routes
 * no other test calls.
 */
class MicronautIT {

    private static AppProcess app;
    private static int appPort;
    private static int metricsPort;

    @BeforeAll
    static void startApp() {
        appPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = AppProcess.jar(Artifacts.appJar("micronaut-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("micronaut.server.port", appPort)
                .start();
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(90));
        // Any answer will do; /status/204 is a route no test counts.
        app.awaitHttp(appPort, "/status/204", Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void requestsAreCountedExactlyUnderMicronautsRouteTemplateUnderConcurrency() {
        Map<String, String> orders = series("/orders/{id}", "200", "");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(120, 6,
                i -> Http.request(appPort, "/orders/" + i + "?card=4111111111111111").GET().build());

        assertThat(statuses).containsExactly(entry(200, 120));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, Map.of(), before.value(HTTP_COUNT, Map.of()) + 120);
        assertThat(delta(before, after, orders)).as("/orders/{id}%s", after.lines(HTTP_COUNT)).isEqualTo(120);
        assertThat(delta(before, after, Map.of())).as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(120);
        assertThat(after.text()).as("no query string anywhere").doesNotContain("4111111111111111");
    }

    @Test
    void exceptionsAndServerErrorsAre5xxErrorsAnd4xxAreNot() {
        Map<String, String> thrown = series("/orders/{id}/boom", "500", "java.lang.IllegalStateException");
        Map<String, String> unavailable = series("/status/{code}", "503", "503");
        Map<String, String> notFound = series("/status/{code}", "404", "");
        Map<String, String> unrouted = series("NOT_FOUND", "404", "");
        Scrape before = Scrape.fetch(metricsPort);

        List<String> paths = List.of("/orders/1/boom", "/status/503", "/status/404", "/no/such/page");
        Map<Integer, Integer> statuses = Http.hammer(12, 3, i -> Http.request(appPort, paths.get(i % 4)).GET().build());

        assertThat(statuses).containsExactly(entry(404, 6), entry(500, 3), entry(503, 3));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, Map.of(), before.value(HTTP_COUNT, Map.of()) + 12);
        for (Map<String, String> each : List.of(thrown, unavailable, notFound, unrouted)) {
            assertThat(delta(before, after, each)).as("%s%s", each, after.lines(HTTP_COUNT)).isEqualTo(3);
        }
        assertThat(delta(before, after, Map.of())).as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(12);
    }

    @Test
    void delayedAndStreamedAnswersAreTimedToTheirLastByte() {
        Map<String, String> delayed = series("/orders/{id}/delayed", "200", "");
        Map<String, String> events = series("/events/{topic}", "200", "");
        Scrape before = Scrape.fetch(metricsPort);

        for (int i = 0; i < 4; i++) {
            assertThat(Http.get(appPort, "/orders/" + i + "/delayed").status()).isEqualTo(200);
            Http.Response stream = Http.get(appPort, "/events/topic" + i);
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.body()).as("the whole stream").contains("topic" + i + " 4");
        }

        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, events, before.value(HTTP_COUNT, events) + 4);
        assertThat(delta(before, after, delayed)).as("delayed answers%s", after.lines(HTTP_COUNT)).isEqualTo(4);
        assertThat(delta(before, after, events)).as("streams%s", after.lines(HTTP_COUNT)).isEqualTo(4);
        assertThat(after.value(HTTP_SUM, delayed) - before.value(HTTP_SUM, delayed))
                .as("seconds of 4 answers delayed 100 ms%s", after.lines(HTTP_SUM)).isGreaterThanOrEqualTo(0.4);
        assertThat(after.value(HTTP_SUM, events) - before.value(HTTP_SUM, events))
                .as("seconds of 4 streams of five events 20 ms apart%s", after.lines(HTTP_SUM)).isGreaterThanOrEqualTo(0.4);
    }

    @Test
    void aClientLeavingAStreamIsCountedOnce() throws IOException {
        Map<String, String> ticker = series("/ticker", "200", "");
        Map<String, String> barrier = series("/orders/{id}", "200", "");
        Scrape before = Scrape.fetch(metricsPort);

        for (int i = 0; i < 3; i++) {
            Http.readFirstEventAndHangUp(appPort, "/ticker", "tick ");
        }

        Scrape ended = Scrape.awaitValue(metricsPort, HTTP_COUNT, ticker, before.value(HTTP_COUNT, ticker) + 3);
        assertThat(delta(before, ended, ticker)).as("abandoned streams%s", ended.lines(HTTP_COUNT)).isEqualTo(3);
        assertThat(Http.get(appPort, "/orders/1").status()).isEqualTo(200);
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, barrier, before.value(HTTP_COUNT, barrier) + 1);
        assertThat(delta(before, after, ticker)).as("abandoned streams, later%s", after.lines(HTTP_COUNT)).isEqualTo(3);
    }

    @Test
    void aLogLineWrittenOnAReactorThreadCarriesTheRequestsTraceId() {
        Traceparent incoming = Traceparent.random();
        int skip = JsonLogs.stdout(app).size();

        Http.Response response = Http.send(Http.request(appPort, "/orders/5/delayed")
                .header("traceparent", incoming.header()).GET().build());

        assertThat(response.status()).isEqualTo(200);
        List<JsonLogs.Event> lines = JsonLogs.await(app, skip, JsonLogs.message("delayed order answered"), 1,
                Duration.ofSeconds(10));
        assertThat(lines).as("\"delayed order answered\"%s", JsonLogs.describe(app, skip)).hasSize(1);
        assertThat(lines.get(0).field("thread_name")).as("written off the event loop: %s", lines.get(0))
                .startsWith("parallel");
        assertThat(lines.get(0).field("trace_id")).as("trace_id of %s", lines.get(0)).isEqualTo(incoming.traceId());
    }

    @Test
    void classesWhoseOptionalDependencyIsAbsentAreNotAnInstrumentationError() {
        // Micronaut's Netty server ships WebSocket classes whose API jar an app without WebSockets lacks; the JVM
        // cannot define them and the agent has nothing to instrument there, so nothing to report either.
        assertThat(app.stderr().lines().filter(line -> line.contains("instrumentation error")).toList())
                .as(app.logTail()).isEmpty();
    }

    // --- helpers ---

    private static Map<String, String> series(String route, String status, String errorType) {
        return Map.of("http_request_method", "GET", "http_route", route, "http_response_status_code", status,
                "error_type", errorType);
    }

    private static double delta(Scrape before, Scrape after, Map<String, String> labels) {
        return after.value(HTTP_COUNT, labels) - before.value(HTTP_COUNT, labels);
    }
}
