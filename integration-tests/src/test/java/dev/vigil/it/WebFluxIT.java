package dev.vigil.it;

import static dev.vigil.it.support.Contract.DB_COUNT;
import static dev.vigil.it.support.Contract.DB_N_PLUS_ONE;
import static dev.vigil.it.support.Contract.DB_QUERIES_PER_REQUEST;
import static dev.vigil.it.support.Contract.HTTP_COUNT;
import static dev.vigil.it.support.Contract.HTTP_SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.DbChecks;
import dev.vigil.it.support.EchoServer;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.JsonLogs;
import dev.vigil.it.support.OtlpReceiver;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Services;
import dev.vigil.it.support.Traceparent;

/**
 * {@code java -javaagent:vigil-agent.jar -jar webflux-app.jar}: Spring Boot WebFlux on Reactor Netty, with
 * annotated controllers and {@code RouterFunction} routes, answers that come later from other threads,
 * server-sent event streams, JDBC work moved to Reactor's bounded-elastic scheduler, R2DBC statements through
 * Spring's {@code DatabaseClient}, and calls to an upstream service with {@code WebClient}. Its spans go to an OTLP
 * receiver of the test.
 *
 * <p>One application serves every test; each test measures the change its own requests made, on routes
 * no other test calls.
 */
class WebFluxIT {

    private static AppProcess app;
    private static OtlpReceiver receiver;
    private static int appPort;
    private static int metricsPort;

    @BeforeAll
    static void startApp() {
        appPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        receiver = OtlpReceiver.start();
        app = AppProcess.jar(Artifacts.appJar("webflux-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                .env("OTEL_BSP_SCHEDULE_DELAY", 100)
                .arg("--server.port=" + appPort)
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
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void annotatedAndFunctionalRoutesAreCountedExactlyUnderTheirTemplatesUnderConcurrency() {
        Map<String, String> orders = ok("GET", "/orders/{id}");
        Map<String, String> customers = ok("GET", "/customers/{customerId}");
        Map<String, String> products = ok("GET", "/shops/{shopId}/products/{productId}");
        Scrape before = Scrape.settled(metricsPort, HTTP_COUNT);

        Map<Integer, Integer> statuses = Http.hammer(180, 6, i -> Http.request(appPort, switch (i % 3) {
            case 0 -> "/orders/" + i;
            case 1 -> "/customers/" + i + "?expand=true";
            default -> "/shops/" + i + "/products/" + (i * 7);
        }).GET().build());

        assertThat(statuses).containsExactly(entry(200, 180));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, Map.of(), before.value(HTTP_COUNT, Map.of()) + 180);
        assertThat(delta(before, after, orders)).as("annotated controller%s", after.lines(HTTP_COUNT)).isEqualTo(60);
        assertThat(delta(before, after, customers)).as("RouterFunction route%s", after.lines(HTTP_COUNT)).isEqualTo(60);
        assertThat(delta(before, after, products)).as("nested RouterFunction route, prefix merged%s", after.lines(HTTP_COUNT))
                .isEqualTo(60);
        assertThat(delta(before, after, Map.of())).as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(180);
    }

    @Test
    void thrownExceptionsAndErrorSignalsAre500sWithTheirTypeAnd4xxAreNoErrors() {
        Map<String, String> thrown = failed("/orders/{id}/boom", "500", "java.lang.IllegalStateException");
        Map<String, String> signalled = failed("/orders/{id}/fail", "500", "java.lang.UnsupportedOperationException");
        Map<String, String> unavailable = failed("/status/{code}", "503", "503");
        Map<String, String> missing = failed("/orders/{id}/missing", "404", "");
        Map<String, String> notFound = failed("/status/{code}", "404", "");
        Map<String, String> unrouted = failed("NOT_FOUND", "404", "");
        Scrape before = Scrape.settled(metricsPort, HTTP_COUNT);

        List<String> paths = List.of("/orders/1/boom", "/orders/2/fail", "/status/503", "/orders/3/missing",
                "/status/404", "/no/such/page");
        Map<Integer, Integer> statuses = Http.hammer(18, 3, i -> Http.request(appPort, paths.get(i % 6)).GET().build());

        assertThat(statuses).containsExactly(entry(404, 9), entry(500, 6), entry(503, 3));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, Map.of(), before.value(HTTP_COUNT, Map.of()) + 18);
        for (Map<String, String> series : List.of(thrown, signalled, unavailable, missing, notFound, unrouted)) {
            assertThat(delta(before, after, series)).as("%s%s", series, after.lines(HTTP_COUNT)).isEqualTo(3);
        }
        assertThat(delta(before, after, Map.of())).as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(18);
    }

    @Test
    void delayedAndStreamedAnswersAreTimedToTheirLastByte() {
        Map<String, String> delayed = ok("GET", "/orders/{id}/delayed");
        Map<String, String> events = ok("GET", "/events/{topic}");
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
        // Each answer comes at least 100 ms after its request: the timer runs until then, not until the
        // handler returned its Mono or Flux (microseconds).
        assertThat(after.value(HTTP_SUM, delayed) - before.value(HTTP_SUM, delayed))
                .as("seconds of 4 answers delayed 100 ms%s", after.lines(HTTP_SUM)).isGreaterThanOrEqualTo(0.4);
        assertThat(after.value(HTTP_SUM, events) - before.value(HTTP_SUM, events))
                .as("seconds of 4 streams of five events 20 ms apart%s", after.lines(HTTP_SUM)).isGreaterThanOrEqualTo(0.4);
    }

    @Test
    void aClientLeavingAnEndlessStreamIsCountedOnce() throws IOException {
        Map<String, String> ticker = ok("GET", "/ticker");
        Map<String, String> barrier = ok("GET", "/customers/{customerId}");
        Scrape before = Scrape.settled(metricsPort, HTTP_COUNT);

        for (int i = 0; i < 3; i++) {
            Http.readFirstEventAndHangUp(appPort, "/ticker", "tick ");
        }

        Scrape ended = Scrape.awaitValue(metricsPort, HTTP_COUNT, ticker, before.value(HTTP_COUNT, ticker) + 3);
        assertThat(delta(before, ended, ticker)).as("abandoned streams%s", ended.lines(HTTP_COUNT)).isEqualTo(3);
        // Later requests are counted; the abandoned streams are not counted again meanwhile.
        assertThat(Http.get(appPort, "/customers/1").status()).isEqualTo(200);
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, barrier, before.value(HTTP_COUNT, barrier) + 1);
        assertThat(delta(before, after, ticker)).as("abandoned streams, later%s", after.lines(HTTP_COUNT)).isEqualTo(3);
        assertThat(delta(before, after, Map.of())).as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(4);
    }

    @Test
    void logLinesOnOtherThreadsOfTheReactiveChainCarryTheRequestsTraceId() {
        // path, its log message, how many lines, whether the thread is certainly not the event loop
        List<List<Object>> cases = List.of(
                List.of("/orders/1/delayed", "delayed order answered", 1, true), // Mono.delay: a Reactor timer thread
                List.of("/orders/1/items", "items loaded", 1, true),            // subscribeOn(boundedElastic)
                // delayElements: a timer thread, or the event loop when Reactor drains an event there on the
                // connection's demand for the next one
                List.of("/events/traced", "event sent", 5, false));
        for (List<Object> each : cases) {
            String path = (String) each.get(0);
            String message = (String) each.get(1);
            Traceparent incoming = Traceparent.random();
            int skip = JsonLogs.stdout(app).size();

            Http.Response response = Http.send(Http.request(appPort, path)
                    .header("traceparent", incoming.header()).GET().build());

            assertThat(response.status()).isEqualTo(200);
            List<JsonLogs.Event> lines = JsonLogs.await(app, skip, JsonLogs.message(message), (Integer) each.get(2),
                    Duration.ofSeconds(10));
            assertThat(lines).as("\"%s\" logged for %s%s", message, path, JsonLogs.describe(app, skip))
                    .hasSize((Integer) each.get(2));
            for (JsonLogs.Event line : lines) {
                if ((Boolean) each.get(3)) {
                    assertThat(line.field("thread_name")).as("written off the event loop: %s", line)
                            .doesNotStartWith("reactor-http");
                }
                assertThat(line.field("trace_id")).as("trace_id of %s", line).isEqualTo(incoming.traceId());
            }
        }
    }

    @Test
    void aRequestBodyReadAfterTheRequestLineKeepsTheRequestsTraceId() {
        Traceparent incoming = Traceparent.random();
        int skip = JsonLogs.stdout(app).size();

        Http.Response response = Http.send(Http.request(appPort, "/orders")
                .header("traceparent", incoming.header()).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x".repeat(20_000))).build());

        assertThat(response.status()).isEqualTo(200);
        List<JsonLogs.Event> lines = JsonLogs.await(app, skip, JsonLogs.message("order created"), 1, Duration.ofSeconds(10));
        assertThat(lines).as("\"order created\"%s", JsonLogs.describe(app, skip)).hasSize(1);
        assertThat(lines.get(0).field("trace_id")).as("trace_id of %s", lines.get(0)).isEqualTo(incoming.traceId());
    }

    @Test
    void databaseWorkOnAnotherSchedulerCountsToItsRequest() {
        Map<String, String> route = Map.of("http_route", "/orders/{id}/items");
        Map<String, String> nPlusOne = Map.of("http_route", "/orders/{id}/items", "db_collection_name", "items");
        Scrape before = Scrape.fetch(metricsPort);

        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(appPort, "/orders/1/items").status()).isEqualTo(200);
        }

        Scrape after = Scrape.awaitValue(metricsPort, DB_QUERIES_PER_REQUEST + "_count", route,
                before.value(DB_QUERIES_PER_REQUEST + "_count", route) + 3);
        // One query for the item ids, then one per item, twelve times: 13 statements in each request.
        assertThat(after.value(DB_QUERIES_PER_REQUEST + "_sum", route) - before.value(DB_QUERIES_PER_REQUEST + "_sum", route))
                .as("statements of 3 requests%s", after.lines(DB_QUERIES_PER_REQUEST)).isEqualTo(39);
        assertThat(after.value(DB_N_PLUS_ONE, nPlusOne) - before.value(DB_N_PLUS_ONE, nPlusOne))
                .as("one N+1 per request%s", after.lines(DB_N_PLUS_ONE)).isEqualTo(3);
    }

    @Test
    void r2dbcStatementsAreCountedExactlyAndToTheirRequestsUnderConcurrency() {
        int requests = 48;
        Map<String, String> route = Map.of("http_route", "/r2dbc/orders/{id}/items");
        Map<String, String> selects = Map.of("db_system_name", "h2", "db_operation_name", "SELECT",
                "db_collection_name", "items", "error_type", "");

        DbChecks.oneStatementPerRequest(appPort, metricsPort, requests, i -> "/r2dbc/orders/" + (1 + i % 2) + "/items",
                route, selects);
    }

    /**
     * PostgreSQL's driver answers on its own event loop, and its pool opens its connections there: the statements of
     * the first requests run on a new connection from that loop. Each still counts to its request, and the line the
     * application logs with the answer carries the request's trace.
     */
    @Test
    void r2dbcOnPostgresqlCountsToItsRequestsAndTheirLogLinesFromTheFirstConnection() {
        Services.requirePostgres();
        int requests = 24;
        Map<String, String> route = Map.of("http_route", "/r2dbc-pg/tables/{kind}");
        Map<String, String> selects = Map.of("db_system_name", "postgresql", "db_operation_name", "SELECT",
                "db_collection_name", "pg_class", "error_type", "");
        int skip = JsonLogs.stdout(app).size();

        DbChecks.oneStatementPerRequest(appPort, metricsPort, requests, i -> "/r2dbc-pg/tables/" + (i % 2 == 0 ? "r" : "i"),
                route, selects);
        assertEachLineHasATraceOfItsOwn(skip, "tables counted", requests);
    }

    /** MariaDB's own R2DBC driver on the MariaDB server. */
    @Test
    void r2dbcOnMariadbCountsToItsRequestsAndTheirLogLines() {
        Services.requireMariaDb();
        int requests = 24;
        Map<String, String> route = Map.of("http_route", "/r2dbc-mariadb/tables/{schema}");
        Map<String, String> selects = Map.of("db_system_name", "mariadb", "db_operation_name", "SELECT",
                "db_collection_name", "information_schema.tables", "error_type", "");
        int skip = JsonLogs.stdout(app).size();

        DbChecks.oneStatementPerRequest(appPort, metricsPort, requests,
                i -> "/r2dbc-mariadb/tables/" + (i % 2 == 0 ? "test" : "mysql"), route, selects);
        assertEachLineHasATraceOfItsOwn(skip, "mariadb tables counted", requests);
    }

    /** {@code count} lines {@code message} after the first {@code skip}, each with a {@code trace_id} no other has. */
    private static void assertEachLineHasATraceOfItsOwn(int skip, String message, int count) {
        List<JsonLogs.Event> lines = JsonLogs.await(app, skip, JsonLogs.message(message), count, Duration.ofSeconds(10));
        assertThat(lines).as(JsonLogs.describe(app, skip)).hasSize(count);
        assertThat(lines.stream().map(line -> line.field("trace_id")).distinct())
                .as("a trace_id of its own in each line").hasSize(count).doesNotContainNull();
    }

    @Test
    void anR2dbcNPlusOneAndAFailingStatementAreSeenInTheirRequests() {
        Map<String, String> names = Map.of("http_route", "/r2dbc/orders/{id}/names");
        Map<String, String> nPlusOne = Map.of("http_route", "/r2dbc/orders/{id}/names", "db_collection_name", "items");
        Map<String, String> failed = Map.of("db_system_name", "h2", "db_operation_name", "SELECT",
                "db_collection_name", "no_such_table", "error_type", "io.r2dbc.spi.R2dbcBadGrammarException");
        Scrape before = Scrape.fetch(metricsPort);
        Traceparent incoming = Traceparent.random();

        assertThat(Http.get(appPort, "/r2dbc/orders/1/names").status()).isEqualTo(200);
        Http.Response broken = Http.send(Http.request(appPort, "/r2dbc/broken")
                .header("traceparent", incoming.header()).GET().build());

        assertThat(broken.status()).as(broken.toString()).isEqualTo(500);
        Scrape after = Scrape.awaitValue(metricsPort, DB_COUNT, failed, before.value(DB_COUNT, failed) + 1);
        assertThat(after.value(DB_COUNT, failed) - before.value(DB_COUNT, failed)).as(after.lines(DB_COUNT)).isEqualTo(1);
        // The item ids six times over (repeat(5)), then one query per id: 6 + 12 statements.
        assertThat(after.value(DB_QUERIES_PER_REQUEST + "_sum", names) - before.value(DB_QUERIES_PER_REQUEST + "_sum", names))
                .as(after.lines(DB_QUERIES_PER_REQUEST)).isEqualTo(18);
        assertThat(after.value(DB_N_PLUS_ONE, nPlusOne) - before.value(DB_N_PLUS_ONE, nPlusOne))
                .as(after.lines(DB_N_PLUS_ONE)).isEqualTo(1);
        assertThat(after.text()).as("no literal of the SQL in the scrape").doesNotContain("id = 42");

        List<OtlpReceiver.Span> statement = receiver.awaitSpans(
                span -> "CLIENT".equals(span.kind()) && incoming.traceId().equals(span.traceId()), 1, Duration.ofSeconds(10));
        assertThat(statement).as(receiver.summary()).hasSize(1);
        assertThat(statement.get(0).attribute("db.system.name")).isEqualTo("h2");
        assertThat(statement.get(0).attribute("db.query.text")).isEqualTo("SELECT name FROM no_such_table WHERE id = ?");
        assertThat(statement.get(0).attribute("error.type")).isEqualTo("io.r2dbc.spi.R2dbcBadGrammarException");
        assertThat(receiver.spans(span -> "SERVER".equals(span.kind()) && span.spanId().equals(statement.get(0).parentSpanId())))
                .as("the SERVER span of the request").hasSize(1);
    }

    @Test
    void webClientCallsFromAHandlerAreTheRequestsClientTimeAndContinueItsTrace() {
        String perRequest = "vigil_http_server_client_duration_seconds_count";
        try (EchoServer upstream = EchoServer.start()) {
            Map<String, String> calls = Map.of("server_address", "127.0.0.1", "server_port", Integer.toString(upstream.port()),
                    "http_response_status_code", "200", "error_type", "");
            Scrape before = Scrape.fetch(metricsPort);
            Set<String> traceIds = new HashSet<>();
            int skip = JsonLogs.stdout(app).size();

            for (String route : List.of("/upstream/now", "/upstream/later")) {
                for (int i = 0; i < 3; i++) {
                    Traceparent incoming = Traceparent.random();
                    traceIds.add(incoming.traceId());
                    Http.Response response = Http.send(Http.request(appPort, route + "?port=" + upstream.port())
                            .header("traceparent", incoming.header()).GET().build());
                    assertThat(response.status()).as("%s: %s", route, response).isEqualTo(200);
                    assertThat(response.body()).isEqualTo("echo");
                }
            }

            Scrape after = Scrape.awaitValue(metricsPort, "http_client_request_duration_seconds_count", calls,
                    before.value("http_client_request_duration_seconds_count", calls) + 6);
            assertThat(after.value("http_client_request_duration_seconds_count", calls)
                    - before.value("http_client_request_duration_seconds_count", calls))
                    .as(after.lines("http_client_request_duration_seconds_count")).isEqualTo(6);
            for (String route : List.of("/upstream/now", "/upstream/later")) {
                Map<String, String> onRoute = Map.of("http_route", route);
                assertThat(after.value(perRequest, onRoute) - before.value(perRequest, onRoute))
                        .as("requests of %s with client time%s", route, after.lines(perRequest)).isEqualTo(3);
            }

            // Each call carried its request's trace, through a CLIENT span of that request's SERVER span.
            List<EchoServer.Call> arrived = upstream.calls();
            assertThat(arrived).hasSize(6);
            List<OtlpReceiver.Span> clientSpans = receiver.awaitSpans(
                    span -> "CLIENT".equals(span.kind()) && traceIds.contains(span.traceId()), 6, Duration.ofSeconds(10));
            assertThat(clientSpans).as(receiver.summary()).hasSize(6);
            for (EchoServer.Call call : arrived) {
                Traceparent sent = Traceparent.parse(call.traceparent()).orElseThrow();
                assertThat(traceIds).as("trace of %s", call).contains(sent.traceId());
                assertThat(clientSpans).as("the CLIENT span %s was sent as the parent", sent.parentId())
                        .anySatisfy(span -> assertThat(span.spanId()).isEqualTo(sent.parentId()));
            }
            for (OtlpReceiver.Span client : clientSpans) {
                assertThat(receiver.spans(span -> "SERVER".equals(span.kind()) && span.spanId().equals(client.parentSpanId())))
                        .as("the SERVER span of %s", client).hasSize(1);
                assertThat(client.attribute("http.response.status_code")).isEqualTo("200");
            }

            // The answer arrives on an event loop, after the handler returned: the log line there has the trace.
            List<JsonLogs.Event> lines = JsonLogs.await(app, skip, JsonLogs.message("upstream answered"), 6, Duration.ofSeconds(10));
            assertThat(lines).as(JsonLogs.describe(app, skip)).hasSize(6);
            assertThat(lines).allSatisfy(line -> assertThat(traceIds).as("trace_id of %s", line).contains(line.field("trace_id")));
        }
    }

    @Test
    void webClientCallsAreCountedExactlyUnderConcurrency() {
        String calls = "http_client_request_duration_seconds_count";
        String perRequest = "vigil_http_server_client_duration_seconds_count";
        int n = 60;
        try (EchoServer upstream = EchoServer.start()) {
            Map<String, String> peer = Map.of("server_port", Integer.toString(upstream.port()), "http_response_status_code", "200");
            Map<String, String> route = Map.of("http_route", "/upstream/now");
            Scrape before = Scrape.fetch(metricsPort);

            Map<Integer, Integer> statuses = Http.hammer(n, 6,
                    i -> Http.request(appPort, "/upstream/now?port=" + upstream.port()).GET().build());

            assertThat(statuses).containsExactly(entry(200, n));
            Scrape after = Scrape.awaitValue(metricsPort, perRequest, route, before.value(perRequest, route) + n);
            assertThat(after.value(calls, peer) - before.value(calls, peer)).as(after.lines(calls)).isEqualTo(n);
            assertThat(after.value(perRequest, route) - before.value(perRequest, route)).as(after.lines(perRequest)).isEqualTo(n);
            assertThat(upstream.calls()).hasSize(n);
        }
    }

    // --- helpers ---

    private static Map<String, String> ok(String method, String route) {
        return Map.of("http_request_method", method, "http_route", route, "http_response_status_code", "200",
                "error_type", "");
    }

    private static Map<String, String> failed(String route, String status, String errorType) {
        return Map.of("http_request_method", "GET", "http_route", route, "http_response_status_code", status,
                "error_type", errorType);
    }

    private static double delta(Scrape before, Scrape after, Map<String, String> labels) {
        return after.value(HTTP_COUNT, labels) - before.value(HTTP_COUNT, labels);
    }
}
