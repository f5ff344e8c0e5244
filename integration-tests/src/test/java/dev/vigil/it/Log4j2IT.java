package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.JsonLogs;
import dev.vigil.it.support.OtlpReceiver;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Traceparent;

/**
 * {@code java -javaagent:vigil-agent.jar -jar log4j2-app.jar PORT}: a JDK HttpServer app logging
 * JSON through Log4j2 (JsonTemplateLayout, ECS template). The agent puts the trace into Log4j2's
 * context data, so the app's own log lines carry {@code trace_id} and {@code span_id}; and a Log4j2 line
 * marks a business event as a Logback one does.
 */
class Log4j2IT {

    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    private static final Duration EXPORT_WAIT = Duration.ofSeconds(15);

    private static final String EVENTS = "vigil_business_events_total";
    private static final String ORDER_EVENTS = """
            events:
              order.logged: { log: { logger: "dev.vigil.it.apps.log4j2.Log4j2App", message: "order * *" } }
            """;

    private static OtlpReceiver receiver;
    private static AppProcess app;
    private static int port;
    private static int metricsPort;
    private static Path config;

    @BeforeAll
    static void startApp() throws IOException {
        receiver = OtlpReceiver.start();
        config = Files.createTempFile("vigil-log4j2", ".yaml");
        Files.writeString(config, ORDER_EVENTS);
        port = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = AppProcess.jar(Artifacts.appJar("log4j2-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.config", config)
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                .env("OTEL_BSP_SCHEDULE_DELAY", 100)
                .env("OTEL_SERVICE_NAME", "log4j2-app")
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
        if (receiver != null) {
            receiver.close();
        }
        try {
            Files.deleteIfExists(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aLog4j2LineMarksABusinessEventWithItsOutcomeFromTheLevel() {
        assertOrderEventsCounted(port, metricsPort);
    }

    /** Every logger asynchronous: the line reaches the configuration as a whole {@code LogEvent}, on another thread. */
    @Test
    void anAsyncLoggersLineMarksTheEventToo() {
        int asyncPort = AppProcess.freePort();
        int asyncMetricsPort = AppProcess.freePort();
        try (AppProcess async = AppProcess.jar(Artifacts.appJar("log4j2-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", asyncMetricsPort)
                .sysProp("vigil.config", config)
                .sysProp("log4j2.contextSelector", "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector")
                .arg(String.valueOf(asyncPort))
                .start()) {
            async.awaitHttp(asyncMetricsPort, "/metrics", Duration.ofSeconds(60));
            async.awaitHttp(asyncPort, "/", Duration.ofSeconds(60));
            assertOrderEventsCounted(asyncPort, asyncMetricsPort);
        }
    }

    /** 7 orders placed (INFO) and 3 declined (ERROR): exactly 7 successes and 3 errors, nothing else. */
    private static void assertOrderEventsCounted(int appPort, int scrapePort) {
        Scrape before = Scrape.fetch(scrapePort);
        for (int i = 0; i < 7; i++) {
            assertThat(Http.get(appPort, "/order").status()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(appPort, "/order?declined").status()).isEqualTo(402);
        }
        Map<String, String> placed = Map.of("event", "order.logged", "outcome", "success");
        Map<String, String> declined = Map.of("event", "order.logged", "outcome", "error");
        Scrape after = Scrape.awaitValue(scrapePort, EVENTS, Map.of("event", "order.logged"),
                before.value(EVENTS, Map.of("event", "order.logged")) + 10);
        assertThat(after.value(EVENTS, placed) - before.value(EVENTS, placed)).as("%s", after.lines(EVENTS)).isEqualTo(7);
        assertThat(after.value(EVENTS, declined) - before.value(EVENTS, declined)).as("%s", after.lines(EVENTS)).isEqualTo(3);
    }

    @Test
    void theRequestsLogLineCarriesTheIncomingTraceId() {
        Traceparent incoming = Traceparent.random();
        int skip = JsonLogs.stdout(app).size();

        Http.Response response = Http.send(Http.request(port, "/hello").header("traceparent", incoming.header()).GET().build());

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        JsonLogs.Event hello = onlyEvent(skip, "hello from log4j2");
        assertThat(hello.field("trace_id")).as("trace_id of %s", hello).isEqualTo(incoming.traceId());
        assertThat(Traceparent.isValidSpanId(hello.field("span_id"))).as("span_id of %s", hello).isTrue();
        assertThat(hello.field("trace_flags")).as("trace_flags of %s", hello).isEqualTo("01");
        // The span in the log line is the request's server span, child of the caller's.
        List<OtlpReceiver.Span> servers = receiver.awaitSpans(
                s -> s.traceId().equals(incoming.traceId()) && s.kind().equals("SERVER"), EXPORT_WAIT);
        assertThat(servers).as("SERVER spans of trace %s%s", incoming.traceId(), receiver.summary()).hasSize(1);
        assertThat(servers.get(0).name()).isEqualTo("GET /hello");
        assertThat(servers.get(0).parentSpanId()).isEqualTo(incoming.parentId());
        assertThat(hello.field("span_id")).as("span_id of the log line").isEqualTo(servers.get(0).spanId());
    }

    @Test
    void eachRequestWithoutTraceparentLogsAFreshTraceOfItsOwn() {
        int requests = 3;
        int skip = JsonLogs.stdout(app).size();

        for (int i = 0; i < requests; i++) {
            assertThat(Http.get(port, "/hello").status()).isEqualTo(200);
        }

        List<JsonLogs.Event> hellos = JsonLogs.await(app, skip, JsonLogs.message("hello from log4j2"), requests, LOG_WAIT);
        assertThat(hellos).as("log lines since the requests%s", JsonLogs.describe(app, skip)).hasSize(requests);
        List<String> traceIds = hellos.stream().map(e -> e.field("trace_id")).collect(Collectors.toList());
        assertThat(traceIds).as("trace_id of each request's line").allMatch(Traceparent::isValidTraceId).doesNotHaveDuplicates();
    }

    @Test
    void aLineLoggedOutsideAnyRequestHasNoTraceId() {
        JsonLogs.Event started = JsonLogs.await(app, JsonLogs.message("log4j2-app listening on 127.0.0.1:" + port), 1, LOG_WAIT)
                .stream().findFirst()
                .orElseThrow(() -> new AssertionError("no start-up line\n" + app.logTail()));

        assertThat(started.has("trace_id")).as("trace_id in %s", started).isFalse();
        assertThat(started.has("span_id")).as("span_id in %s", started).isFalse();
    }

    private static JsonLogs.Event onlyEvent(int skip, String message) {
        List<JsonLogs.Event> events = JsonLogs.await(app, skip, JsonLogs.message(message), 1, LOG_WAIT);
        assertThat(events).as("log lines \"%s\" since the request%s", message, JsonLogs.describe(app, skip)).hasSize(1);
        return events.get(0);
    }
}
