package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.EchoServer;
import dev.vigil.it.support.Exemplars;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.JsonLogs;
import dev.vigil.it.support.OtlpReceiver;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Traceparent;

/**
 * Traces and log correlation (docs/CONTRACT.md, last section), seen as a user sees them: the Spring
 * Boot app logs JSON through Logback, the agent exports spans by OTLP to a receiver the test runs,
 * and a caller sends a W3C {@code traceparent}. The trace id the caller sent has to turn up in the
 * app's log lines (on every thread the request used), in the exported spans, in the calls the app
 * makes downstream and in the exemplars on {@code /metrics}.
 *
 * <p>One application serves most tests; the default configuration and a dead collector each get
 * their own.
 */
class TracingIT {

    private static final String SERVICE_NAME = "spring-app";
    private static final String SPANS_DROPPED = "vigil_traces_spans_dropped_total";

    /** The batch processor exports every 100 ms here (OTEL_BSP_SCHEDULE_DELAY); 15 s is generous. */
    private static final Duration EXPORT_WAIT = Duration.ofSeconds(15);
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    private static final Duration START_WAIT = Duration.ofSeconds(90);

    /** The lines /trace/log writes: on the request thread, the app's pool, supplyAsync, the common ForkJoinPool, a scheduler. */
    private static final List<String> TRACE_LOG_MESSAGES =
            List.of("handling trace/log", "on executor", "on common pool", "on fork-join pool", "on scheduler");

    private static OtlpReceiver receiver;
    private static AppProcess app;
    private static int appPort;
    private static int metricsPort;

    @BeforeAll
    static void startApp() {
        receiver = OtlpReceiver.start();
        appPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = exportingApp(receiver.endpoint(), metricsPort, appPort).start();
        awaitStarted(app, metricsPort, appPort);
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void logLinesOnEveryThreadOfARequestCarryTheIncomingTraceId() {
        Traceparent incoming = Traceparent.random();
        int skip = JsonLogs.stdout(app).size();

        assertThat(get("/trace/log", incoming.header()).status()).isEqualTo(200);

        List<String> spanIds = new ArrayList<>();
        for (String message : TRACE_LOG_MESSAGES) {
            JsonLogs.Event event = onlyEvent(skip, message);
            assertThat(event.field("trace_id")).as("trace_id of \"%s\": %s", message, event).isEqualTo(incoming.traceId());
            assertThat(Traceparent.isValidSpanId(event.field("span_id")))
                    .as("span_id of \"%s\" is 16 hex digits, not all zero: %s", message, event).isTrue();
            assertThat(event.field("trace_flags")).as("trace_flags of \"%s\": %s", message, event).isEqualTo("01");
            spanIds.add(event.field("span_id"));
        }
        // The tasks ran inside the request's span, not in spans of their own or in the caller's.
        assertThat(spanIds).as("span_id of %s", TRACE_LOG_MESSAGES).containsOnly(spanIds.get(0));
        assertThat(spanIds.get(0)).as("the request's own span, not the caller's").isNotEqualTo(incoming.parentId());
    }

    @Test
    void aRequestIsOneServerSpanThatContinuesTheIncomingTrace() {
        Traceparent incoming = Traceparent.random();
        int skip = JsonLogs.stdout(app).size();

        assertThat(get("/trace/log", incoming.header()).status()).isEqualTo(200);

        OtlpReceiver.Span server = onlyServerSpan(incoming.traceId());
        assertThat(server.parentSpanId()).as("parent of %s", server).isEqualTo(incoming.parentId());
        assertThat(server.name()).isEqualTo("GET /trace/log");
        assertThat(server.kind()).isEqualTo("SERVER");
        assertThat(server.attributes()).as("attributes of %s", server).contains(
                entry("http.request.method", "GET"),
                entry("http.route", "/trace/log"),
                entry("http.response.status_code", "200"),
                entry("url.path", "/trace/log"));
        assertThat(server.statusCode()).as("status of %s", server).isNotEqualTo("ERROR");
        assertThat(server.serviceName()).as("service.name of %s", server).isEqualTo(SERVICE_NAME);
        // The log line and the span are the same thing seen twice: the link a user clicks through.
        assertThat(onlyEvent(skip, "handling trace/log").field("span_id"))
                .as("span_id of the request's log line").isEqualTo(server.spanId());
    }

    @Test
    void aFailingRequestIsOneServerSpanWithStatusError() {
        Traceparent incoming = Traceparent.random();

        assertThat(get("/boom", incoming.header()).status()).isEqualTo(500);

        // Tomcat forwards the failure to Spring Boot's /error page: still the same one request.
        OtlpReceiver.Span server = onlyServerSpan(incoming.traceId());
        assertThat(server.name()).isEqualTo("GET /boom");
        assertThat(server.statusCode()).as("status of %s", server).isEqualTo("ERROR");
        assertThat(server.attributes()).as("attributes of %s", server).contains(
                entry("http.response.status_code", "500"),
                entry("error.type", "java.lang.IllegalStateException"));
    }

    @Test
    void aQueryIsAClientSpanUnderTheRequestWithoutItsLiterals() {
        Traceparent incoming = Traceparent.random();

        Http.Response response = get("/trace/db", incoming.header());

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        List<OtlpReceiver.Span> spans = receiver.awaitSpans(s -> s.traceId().equals(incoming.traceId()), 2, EXPORT_WAIT);
        OtlpReceiver.Span server = onlyServerSpan(incoming.traceId());
        List<OtlpReceiver.Span> queries = spans.stream().filter(s -> s.kind().equals("CLIENT")).collect(Collectors.toList());
        assertThat(queries).as("CLIENT spans of trace %s%s", incoming.traceId(), receiver.summary()).hasSize(1);
        OtlpReceiver.Span query = queries.get(0);
        assertThat(query.name()).isEqualTo("SELECT owners");
        assertThat(query.parentSpanId()).as("parent of %s", query).isEqualTo(server.spanId());
        assertThat(query.attributes()).as("attributes of %s", query).contains(
                entry("db.system.name", "h2"),
                entry("db.operation.name", "SELECT"),
                entry("db.collection.name", "owners"));
        assertThat(query.attribute("db.query.text")).as("db.query.text of %s", query)
                .startsWith("SELECT COUNT(*) FROM owners WHERE name <> ")
                .contains("?")
                .doesNotContain("Nobody", "Secret", "'");
    }

    @Test
    void outgoingHttpCallsCarryTheTraceDownstream() {
        Traceparent incoming = Traceparent.random();
        try (EchoServer downstream = EchoServer.start()) {
            Http.Response response = get("/trace/downstream?port=" + downstream.port(), incoming.header());

            assertThat(response.status()).as("%s", response).isEqualTo(200);
            assertThat(response.body()).contains("HttpClient: 200 echo", "HttpURLConnection: 200 echo");
            Map<String, EchoServer.Call> calls = callsByClient(downstream);
            assertThat(calls).as("calls downstream").containsOnlyKeys("client=HttpClient", "client=HttpURLConnection");
            calls.forEach((client, arrived) -> {
                Optional<Traceparent> sent = Traceparent.parse(arrived.traceparent());
                assertThat(sent).as("traceparent sent by %s: %s", client, arrived.traceparent()).isPresent();
                assertThat(sent.get().traceId()).as("trace id sent by %s", client).isEqualTo(incoming.traceId());
                assertThat(sent.get().flags()).as("flags sent by %s", client).isEqualTo("01");
                assertThat(sent.get().parentId()).as("parent id sent by %s: this service's span, not its caller's", client)
                        .isNotEqualTo(incoming.parentId());
                // The downstream service's span hangs under the CLIENT span of this call, which this service exported.
                List<OtlpReceiver.Span> parents = receiver.awaitSpans(s -> s.traceId().equals(incoming.traceId())
                        && s.spanId().equals(sent.get().parentId()), EXPORT_WAIT);
                assertThat(parents)
                        .as("an exported span %s in trace %s%s", sent.get().parentId(), incoming.traceId(), receiver.summary())
                        .hasSize(1);
                OtlpReceiver.Span call = parents.get(0);
                assertThat(call.kind()).as("kind of %s", call).isEqualTo("CLIENT");
                assertThat(call.parentSpanId()).as("parent of %s", call).isEqualTo(onlyServerSpan(incoming.traceId()).spanId());
                assertThat(call.attributes()).as("attributes of %s", call).contains(
                        entry("http.request.method", "GET"),
                        entry("server.address", "127.0.0.1"),
                        entry("server.port", String.valueOf(downstream.port())),
                        entry("http.response.status_code", "200"));
            });
        }
    }

    @Test
    void outgoingHttpCallsCarryTheIncomingTracestate() {
        Traceparent incoming = Traceparent.random();
        String tracestate = "vigil=t61rcWkgMzE,congo=ucfJifl5GOE";
        try (EchoServer downstream = EchoServer.start()) {
            Http.Response response = Http.send(Http.request(appPort, "/trace/downstream?port=" + downstream.port())
                    .header("traceparent", incoming.header())
                    .header("tracestate", tracestate)
                    .GET().build());

            assertThat(response.status()).as("%s", response).isEqualTo(200);
            Map<String, EchoServer.Call> calls = callsByClient(downstream);
            assertThat(calls).as("calls downstream").hasSize(2);
            calls.forEach((client, call) -> assertThat(call.tracestate())
                    .as("tracestate sent by %s", client).isEqualTo(tracestate));
        }
    }

    @Test
    void aRequestWithoutTraceparentStartsAFreshTrace() {
        int skip = JsonLogs.stdout(app).size();

        assertThat(Http.get(appPort, "/trace/log").status()).isEqualTo(200);

        String traceId = onlyEvent(skip, "handling trace/log").field("trace_id");
        assertThat(Traceparent.isValidTraceId(traceId)).as("trace_id %s is 32 hex digits, not all zero", traceId).isTrue();
        OtlpReceiver.Span server = onlyServerSpan(traceId);
        assertThat(server.isRoot()).as("%s has no parent", server).isTrue();
        assertThat(server.name()).isEqualTo("GET /trace/log");
    }

    static Stream<Arguments> malformedTraceparents() {
        Traceparent valid = Traceparent.random();
        return Stream.of(
                Arguments.of("not a traceparent at all", "00-xyz"),
                Arguments.of("the forbidden version ff", "ff-" + valid.traceId() + "-" + valid.parentId() + "-01"),
                Arguments.of("an all-zero trace id", "00-00000000000000000000000000000000-" + valid.parentId() + "-01"),
                Arguments.of("an all-zero parent id", "00-" + valid.traceId() + "-0000000000000000-01"),
                Arguments.of("version 00 with trailing data", valid.header() + "-extra"),
                Arguments.of("10 KB of it", "00-" + valid.traceId() + "-" + valid.parentId() + "-01" + "0".repeat(10_240)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTraceparents")
    void aMalformedTraceparentIsAnsweredAndStartsAFreshTrace(String what, String header) {
        int skip = JsonLogs.stdout(app).size();

        Http.Response response = get("/trace/log", header);

        assertThat(response.status()).as("answer to a traceparent with %s: %s", what, response).isEqualTo(200);
        String traceId = onlyEvent(skip, "handling trace/log").field("trace_id");
        assertThat(Traceparent.isValidTraceId(traceId)).as("trace_id %s is 32 hex digits, not all zero", traceId).isTrue();
        assertThat(header).as("the fresh trace id is not taken from the malformed header").doesNotContain(traceId);
        OtlpReceiver.Span server = onlyServerSpan(traceId);
        assertThat(server.isRoot()).as("%s has no parent", server).isTrue();
        // No header value in any log line (CONTRACT.md), even one the agent refused.
        assertThat(app.stderr()).as("the agent's log").doesNotContain(header);
    }

    @Test
    void latencyBucketsCarryExemplarsOfTheRequestsTraces() {
        // The exemplar sampler keeps a bucket's exemplar for a while (client_java: at least 7 s) before a
        // newer one may replace it, and other tests here use /trace/log too. So: send requests, each
        // with its own known trace id, until one of those ids is the exemplar of a /trace/log bucket.
        List<String> sent = new ArrayList<>();
        Optional<Exemplars.Exemplar> found = Optional.empty();
        String openMetrics = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            Traceparent incoming = Traceparent.random();
            assertThat(get("/trace/log", incoming.header()).status()).isEqualTo(200);
            sent.add(incoming.traceId());
            openMetrics = Exemplars.fetchOpenMetrics(metricsPort);
            found = Exemplars.parse(openMetrics).stream()
                    .filter(e -> e.sample().name().equals("http_server_request_duration_seconds_bucket"))
                    .filter(e -> e.sample().label("http_route").equals("/trace/log"))
                    .filter(e -> sent.contains(e.label("trace_id")))
                    .findFirst();
            if (found.isEmpty()) {
                sleep(Duration.ofMillis(500));
            }
        }

        String bucketLines = openMetrics.lines()
                .filter(l -> l.startsWith("http_server_request_duration_seconds_bucket") && l.contains("/trace/log"))
                .collect(Collectors.joining("\n", "\n", ""));
        assertThat(found).as("a /trace/log bucket whose exemplar is one of the %d traces sent %s%s",
                sent.size(), sent, bucketLines).isPresent();
        Exemplars.Exemplar exemplar = found.get();
        assertThat(Traceparent.isValidSpanId(exemplar.label("span_id"))).as("span_id of %s", exemplar.line()).isTrue();
        OtlpReceiver.Span server = onlyServerSpan(exemplar.label("trace_id"));
        assertThat(exemplar.label("span_id")).as("the exemplar points at the request's server span").isEqualTo(server.spanId());
        double le = Double.parseDouble(exemplar.sample().label("le").replace("+Inf", "Infinity"));
        assertThat(exemplar.value()).as("the exemplar's latency lies within its bucket: %s", exemplar.line())
                .isPositive().isLessThanOrEqualTo(le);
    }

    @Test
    void nothingIsExportedByDefault() {
        OtlpReceiver defaultCollector;
        try {
            // Where an OTLP exporter sends by default (http://localhost:4318).
            defaultCollector = OtlpReceiver.start(4318);
        } catch (UncheckedIOException e) {
            Assumptions.abort("127.0.0.1:4318 is in use (a collector on this machine?), so an export by default "
                    + "could not be seen: skipping. " + e.getMessage());
            return;
        }
        int port = AppProcess.freePort();
        int metrics = AppProcess.freePort();
        try (defaultCollector;
             AppProcess plain = AppProcess.jar(Artifacts.appJar("spring-app"))
                     .withAgent()
                     .sysProp("vigil.metrics.port", metrics)
                     .arg("--server.port=" + port)
                     .start()) {
            awaitStarted(plain, metrics, port);

            // Tracing itself is on by default: the logs carry the trace.
            Traceparent incoming = Traceparent.random();
            assertThat(Http.send(Http.request(port, "/trace/log").header("traceparent", incoming.header()).GET().build())
                    .status()).isEqualTo(200);
            List<JsonLogs.Event> handled = JsonLogs.await(plain, JsonLogs.message("handling trace/log"), 1, LOG_WAIT);
            assertThat(handled).as("log lines%s", JsonLogs.describe(JsonLogs.stdout(plain))).hasSize(1);
            assertThat(handled.get(0).field("trace_id")).as("trace_id with tracing on by default").isEqualTo(incoming.traceId());

            // More spans than one full export batch (512), which any exporter would send at once.
            Map<Integer, Integer> statuses = Http.hammer(600, 4,
                    i -> Http.request(port, "/owners/" + (1 + i % 5)).GET().build());
            assertThat(statuses).containsExactly(entry(200, 600));
            sleep(Duration.ofSeconds(2));
            // Stopping the app flushes whatever an exporter still holds.
            plain.close();

            assertThat(defaultCollector.exportCount() + defaultCollector.rejected().size())
                    .as("requests that reached 127.0.0.1:4318%s", defaultCollector.summary())
                    .isZero();
        }
    }

    @Test
    void aDeadCollectorNeverSlowsRequestsAndItsDropsAreCounted() throws Exception {
        // Free a moment ago and never handed out again: nothing listens there.
        int deadPort = AppProcess.freePort();
        int port = AppProcess.freePort();
        int metrics = AppProcess.freePort();
        try (AppProcess orphan = exportingApp("http://127.0.0.1:" + deadPort, metrics, port).start()) {
            awaitStarted(orphan, metrics, port);

            List<Duration> durations = timedRequests(200, 4, port, "/owners/1");

            Duration slowest = durations.stream().max(Duration::compareTo).orElseThrow();
            assertThat(durations).as("answered requests").hasSize(200);
            assertThat(slowest).as("the slowest of 200 requests while the collector is down").isLessThan(Duration.ofSeconds(2));
            Scrape scrape = Scrape.await(metrics, s -> s.value(SPANS_DROPPED) > 0, Duration.ofSeconds(30));
            assertThat(scrape.value(SPANS_DROPPED)).as("%s within 30 s%s\n%s", SPANS_DROPPED, scrape.lines("vigil_traces"),
                    orphan.logTail()).isPositive();
            assertThat(orphan.isAlive()).as("the app is still running").isTrue();
        }
    }

    // --- helpers ---

    /** The Spring app exporting spans to {@code endpoint} quickly, as a user would configure it. */
    private static AppProcess.Builder exportingApp(String endpoint, int metrics, int port) {
        return AppProcess.jar(Artifacts.appJar("spring-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metrics)
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
                .env("OTEL_BSP_SCHEDULE_DELAY", 100)
                .env("OTEL_SERVICE_NAME", SERVICE_NAME)
                .arg("--server.port=" + port);
    }

    private static void awaitStarted(AppProcess process, int metrics, int port) {
        process.awaitHttp(metrics, "/metrics", START_WAIT);
        // Any answer will do; /sleep/0 is a route no test looks at.
        process.awaitHttp(port, "/sleep/0", START_WAIT);
    }

    private static Http.Response get(String path, String traceparent) {
        return Http.send(Http.request(appPort, path).header("traceparent", traceparent).GET().build());
    }

    /** The one log event with {@code message} after the first {@code skip}; fails with the log otherwise. */
    private static JsonLogs.Event onlyEvent(int skip, String message) {
        List<JsonLogs.Event> events = JsonLogs.await(app, skip, JsonLogs.message(message), 1, LOG_WAIT);
        assertThat(events).as("log lines \"%s\" since the request%s", message, JsonLogs.describe(app, skip)).hasSize(1);
        return events.get(0);
    }

    /** The one SERVER span of the trace; fails with everything received otherwise. */
    private static OtlpReceiver.Span onlyServerSpan(String traceId) {
        List<OtlpReceiver.Span> servers = receiver.awaitSpans(
                s -> s.traceId().equals(traceId) && s.kind().equals("SERVER"), EXPORT_WAIT);
        if (!servers.isEmpty()) {
            // A second server span for the same request (an /error forward, say) would come in the same export.
            sleep(Duration.ofMillis(300));
            servers = receiver.spans(s -> s.traceId().equals(traceId) && s.kind().equals("SERVER"));
        }
        assertThat(servers).as("SERVER spans of trace %s%s", traceId, receiver.summary()).hasSize(1);
        return servers.get(0);
    }

    /** The calls the echo server got, keyed by their query ({@code client=HttpClient}). */
    private static Map<String, EchoServer.Call> callsByClient(EchoServer downstream) {
        List<EchoServer.Call> calls = downstream.awaitCalls(2, Duration.ofSeconds(5));
        assertThat(calls).as("calls downstream").hasSize(2);
        return calls.stream().collect(Collectors.toMap(EchoServer.Call::query, c -> c));
    }

    /** Sends {@code total} GETs from {@code threads} threads; returns how long each took to answer 200. */
    private static List<Duration> timedRequests(int total, int threads, int port, String path) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Duration>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    Http.Response response = Http.get(port, path);
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertThat(response.status()).as("%s", response).isEqualTo(200);
                    return took;
                }));
            }
            List<Duration> durations = new ArrayList<>();
            for (Future<Duration> future : futures) {
                durations.add(future.get(Http.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            return durations;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
