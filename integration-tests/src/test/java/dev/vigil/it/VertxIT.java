package dev.vigil.it;

import static dev.vigil.it.support.Contract.DB_BATCH_SIZE;
import static dev.vigil.it.support.Contract.DB_COUNT;
import static dev.vigil.it.support.Contract.DB_N_PLUS_ONE;
import static dev.vigil.it.support.Contract.DB_QUERIES_PER_REQUEST;
import static dev.vigil.it.support.Contract.HTTP_COUNT;
import static dev.vigil.it.support.Contract.HTTP_SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.DbChecks;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Services;
import dev.vigil.it.support.Traceparent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code java -javaagent:vigil-agent.jar -jar vertx-app.jar WEB_PORT CORE_PORT}: a Vert.x 5 Web router and a
 * plain Vert.x core request handler. Measured at Vert.x's HTTP server, from the request's head to the last byte
 * of its response; the route is the path Vert.x Web matched, as the application declared it ({@code :id}). Its
 * queries through the reactive PostgreSQL client are measured too (skipped when PostgreSQL is not there).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VertxIT {
    private static final Duration START = Duration.ofSeconds(60);
    /** VertxApp.SLOW_MILLIS: {@code /orders/:id/slow} answers from a timer this long after its handler returned. */
    private static final double SLOW_SECONDS = 0.3;

    private static AppProcess app;
    private static int webPort;
    private static int corePort;
    private static int metricsPort;

    @BeforeAll
    static void startApp() {
        webPort = AppProcess.freePort();
        corePort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = AppProcess.jar(Artifacts.appJar("vertx-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg(String.valueOf(webPort))
                .arg(String.valueOf(corePort))
                .start();
        app.awaitOutput("vertx-app listening", START);
        app.awaitHttp(metricsPort, "/metrics", START);
    }

    private static boolean awaitLine(String line) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (app.stdout().contains(line)) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void countsEachRequestExactlyUnderTheRouteVertxWebMatched() {
        int n = 120;
        Map<String, String> order = Map.of("http_route", "/orders/:id", "http_request_method", "GET",
                "http_response_status_code", "200", "error_type", "");
        Map<String, String> created = Map.of("http_route", "/orders", "http_request_method", "POST",
                "http_response_status_code", "201");
        Map<String, String> item = Map.of("http_route", "/api/items/:itemId", "http_request_method", "GET",
                "http_response_status_code", "200");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(n, 6, i -> switch (i % 3) {
            case 0 -> Http.request(webPort, "/orders/" + ThreadLocalRandom.current().nextInt(1, 1_000_000)).GET().build();
            case 1 -> Http.request(webPort, "/orders").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            default -> Http.request(webPort, "/api/items/" + ThreadLocalRandom.current().nextInt(1, 1_000_000)).GET().build();
        });

        assertThat(statuses).containsOnly(entry(200, 2 * n / 3), entry(201, n / 3));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, item, before.value(HTTP_COUNT, item) + n / 3);
        assertThat(after.value(HTTP_COUNT, order) - before.value(HTTP_COUNT, order))
                .as("GET /orders/<id>%s", after.lines(HTTP_COUNT)).isEqualTo(n / 3);
        assertThat(after.value(HTTP_COUNT, created) - before.value(HTTP_COUNT, created))
                .as("POST /orders%s", after.lines(HTTP_COUNT)).isEqualTo(n / 3);
        assertThat(after.value(HTTP_COUNT, item) - before.value(HTTP_COUNT, item))
                .as("GET /api/items/<id>: the sub-router's route under its mount%s", after.lines(HTTP_COUNT))
                .isEqualTo(n / 3);
        assertThat(after.labelValues(HTTP_COUNT, "http_route")).as("no id in a route")
                .noneMatch(route -> route.matches(".*/[0-9]+.*"));
    }

    @Test
    void aPlainVertxCoreServerIsMeasuredUnderItsNormalisedPath() {
        int n = 30;
        Map<String, String> plain = Map.of("http_route", "/plain/{id}", "http_request_method", "GET",
                "http_response_status_code", "200");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(n, 3, i -> Http.request(corePort,
                "/plain/" + ThreadLocalRandom.current().nextInt(1, 1_000_000)).GET().build());

        assertThat(statuses).containsExactly(entry(200, n));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, plain, before.value(HTTP_COUNT, plain) + n);
        assertThat(after.value(HTTP_COUNT, plain) - before.value(HTTP_COUNT, plain))
                .as("GET /plain/<id> on the core server%s", after.lines(HTTP_COUNT)).isEqualTo(n);
    }

    @Test
    void aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError() {
        Map<String, String> failed = Map.of("http_route", "/fail", "http_response_status_code", "500",
                "error_type", "java.lang.IllegalStateException");
        Map<String, String> invalid = Map.of("http_route", "/orders/:id/invalid", "http_response_status_code", "400",
                "error_type", "");
        Map<String, String> missing = Map.of("http_route", "NOT_FOUND", "http_response_status_code", "404",
                "error_type", "");
        Scrape before = Scrape.fetch(metricsPort);

        for (int i = 0; i < 5; i++) {
            assertThat(Http.get(webPort, "/fail").status()).isEqualTo(500);
        }
        for (int i = 0; i < 7; i++) {
            assertThat(Http.get(webPort, "/orders/" + (i + 1) + "/invalid").status()).isEqualTo(400);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(webPort, "/no/such/page/" + i).status()).isEqualTo(404);
        }

        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, missing, before.value(HTTP_COUNT, missing) + 3);
        assertThat(after.value(HTTP_COUNT, failed) - before.value(HTTP_COUNT, failed))
                .as("GET /fail%s", after.lines(HTTP_COUNT)).isEqualTo(5);
        assertThat(after.value(HTTP_COUNT, invalid) - before.value(HTTP_COUNT, invalid))
                .as("GET /orders/<id>/invalid answered 400%s", after.lines(HTTP_COUNT)).isEqualTo(7);
        assertThat(after.value(HTTP_COUNT, missing) - before.value(HTTP_COUNT, missing))
                .as("unrouted paths%s", after.lines(HTTP_COUNT)).isEqualTo(3);
    }

    @Test
    void anAsyncResponseIsTimedToItsEndNotToItsHandlersReturn() {
        int n = 3;
        Map<String, String> slow = Map.of("http_route", "/orders/:id/slow", "http_response_status_code", "200");
        Scrape before = Scrape.fetch(metricsPort);

        for (int i = 0; i < n; i++) {
            assertThat(Http.get(webPort, "/orders/" + (i + 1) + "/slow").status()).isEqualTo(200);
        }

        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, slow, before.value(HTTP_COUNT, slow) + n);
        assertThat(after.value(HTTP_COUNT, slow) - before.value(HTTP_COUNT, slow))
                .as("GET /orders/<id>/slow%s", after.lines(HTTP_COUNT)).isEqualTo(n);
        // A lower bound only: each response left at least SLOW_SECONDS after its handler returned (at once).
        assertThat(after.value(HTTP_SUM, slow) - before.value(HTTP_SUM, slow))
                .as("seconds recorded for %d responses ended by a %.1f s timer", n, SLOW_SECONDS)
                .isGreaterThanOrEqualTo(n * SLOW_SECONDS);
    }

    @Test
    void aConnectionClosedBeforeTheResponseIsCountedOnce() throws IOException {
        Map<String, String> closed = Map.of("http_route", "/hang", "http_request_method", "GET",
                "error_type", "io.vertx.core.http.HttpClosedException");
        Scrape before = Scrape.fetch(metricsPort);

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), webPort)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /hang HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            app.awaitOutput("hanging /hang", START);
        }

        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, closed, before.value(HTTP_COUNT, closed) + 1);
        assertThat(after.value(HTTP_COUNT, closed) - before.value(HTTP_COUNT, closed))
                .as("GET /hang, its connection closed by the client%s", after.lines(HTTP_COUNT)).isEqualTo(1);
        assertThat(after.value(HTTP_COUNT, Map.of("http_route", "/hang")))
                .as("the request is counted once, whatever ends it").isEqualTo(1);
    }

    @Test
    void callbacksLeftOnTheRequestsContextLogInItsTrace() {
        for (String path : new String[] {"/traced/timer", "/traced/future"}) {
            Traceparent incoming = Traceparent.random();
            Http.Response response = Http.send(Http.request(webPort, path).header("traceparent", incoming.header()).GET().build());
            assertThat(response.status()).as("%s: %s", path, response).isEqualTo(200);
            String line = (path.endsWith("timer") ? "timer fired" : "future completed") + " trace_id=" + incoming.traceId();
            assertThat(awaitLine(line)).as("\"%s\" in the app's output:%n%s", line, app.stdout()).isTrue();
        }
    }

    /**
     * The reactive PostgreSQL client: each query one execution, ended by its future, counted to its request (the
     * future's handlers run on the request's context), with the request's trace in the line logged with the rows.
     */
    @Test
    void reactivePostgresQueriesAreCountedExactlyToTheirRequests() {
        Services.requirePostgres();
        int requests = 24;
        Map<String, String> route = Map.of("http_route", "/pg/tables/:kind");
        Map<String, String> selects = Map.of("db_system_name", "postgresql", "db_operation_name", "SELECT",
                "db_collection_name", "pg_class", "error_type", "");

        DbChecks.oneStatementPerRequest(webPort, metricsPort, requests, i -> "/pg/tables/" + (i % 2 == 0 ? "r" : "i"),
                route, selects);
        assertThat(DbChecks.tracesOfLines(app.stdout(), "tables counted"))
                .as("a line with a trace of its own for each request:%n%s", app.stdout()).hasSize(requests);
    }

    @Test
    void aReactiveNPlusOneAFailingQueryAndABatch() {
        Services.requirePostgres();
        Map<String, String> types = Map.of("http_route", "/pg/types");
        Map<String, String> nPlusOne = Map.of("http_route", "/pg/types", "db_collection_name", "pg_type");
        Map<String, String> failed = Map.of("db_system_name", "postgresql", "db_collection_name", "no_such_table",
                "error_type", "io.vertx.pgclient.PgException");
        Map<String, String> batch = Map.of("db_system_name", "postgresql", "db_operation_name", "BATCH SELECT");
        Scrape before = Scrape.fetch(metricsPort);

        assertThat(Http.get(webPort, "/pg/types").status()).isEqualTo(200);
        assertThat(Http.get(webPort, "/pg/broken").status()).isEqualTo(500);
        assertThat(Http.get(webPort, "/pg/batch").status()).isEqualTo(200);

        Scrape after = Scrape.awaitValue(metricsPort, DB_COUNT, batch, before.value(DB_COUNT, batch) + 1);
        // Twelve type ids through mapping(...), then one query per id.
        assertThat(after.value(DB_QUERIES_PER_REQUEST + "_sum", types) - before.value(DB_QUERIES_PER_REQUEST + "_sum", types))
                .as(after.lines(DB_QUERIES_PER_REQUEST)).isEqualTo(13);
        assertThat(after.value(DB_N_PLUS_ONE, nPlusOne) - before.value(DB_N_PLUS_ONE, nPlusOne))
                .as(after.lines(DB_N_PLUS_ONE)).isEqualTo(1);
        assertThat(after.value(DB_COUNT, failed) - before.value(DB_COUNT, failed)).as(after.lines(DB_COUNT)).isEqualTo(1);
        assertThat(after.value(DB_COUNT, batch) - before.value(DB_COUNT, batch)).as(after.lines(DB_COUNT)).isEqualTo(1);
        assertThat(after.value(DB_BATCH_SIZE + "_sum", batch) - before.value(DB_BATCH_SIZE + "_sum", batch))
                .as("five parameter sets%s", after.lines(DB_BATCH_SIZE)).isEqualTo(5);
        assertThat(after.text()).as("no literal of the SQL in the scrape").doesNotContain("id = 42");
    }

    /** Last: by then every hook above has run. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noHookFailedOnTheWay() {
        assertThat(Http.get(webPort, "/orders/1").status()).isEqualTo(200);

        // Every hook's exception is swallowed and counted here; a healthy agent has no such series.
        assertThat(Scrape.fetch(metricsPort).samples("vigil_agent_errors_total", Map.of()))
                .as("the agent's own errors").isEmpty();
    }
}
