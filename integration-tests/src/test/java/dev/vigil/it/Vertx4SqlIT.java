package dev.vigil.it;

import static dev.vigil.it.support.Contract.DB_QUERIES_PER_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Services;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -javaagent:vigil-agent.jar -jar vertx4-sql-app.jar PORT}: Vert.x 4's reactive PostgreSQL client
 * through its callback methods, the ones Quarkus' Mutiny clients call (Vert.x 5's {@code Future} methods are
 * {@code VertxIT}'s). Needs PostgreSQL on 127.0.0.1:5432; skipped without it, failed in CI.
 */
class Vertx4SqlIT {
    private static final String DB_COUNT = "db_client_operation_duration_seconds_count";
    private static final String BATCH_SIZE = "vigil_db_client_batch_size";

    private static AppProcess app;
    private static int port;
    private static int metricsPort;

    @BeforeAll
    static void startApp() {
        Services.requirePostgres();
        port = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = AppProcess.jar(Artifacts.appJar("vertx4-sql-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg(String.valueOf(port))
                .start();
        app.awaitOutput("vertx4-sql-app listening", Duration.ofSeconds(60));
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void eachQueryIsCountedOnceToItsRequestBeforeItsCallbackRuns() {
        int requests = 24;
        Map<String, String> route = Map.of("http_route", "/tables");
        Map<String, String> selects = Map.of("db_system_name", "postgresql", "db_operation_name", "SELECT",
                "db_collection_name", "pg_class", "error_type", "");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(requests, 8,
                i -> Http.request(port, "/tables?kind=" + (i % 2 == 0 ? "r" : "i")).GET().build());

        assertThat(statuses).isEqualTo(Map.of(200, requests));
        Scrape after = Scrape.awaitValue(metricsPort, DB_QUERIES_PER_REQUEST + "_count", route,
                before.value(DB_QUERIES_PER_REQUEST + "_count", route) + requests);
        assertThat(after.value(DB_COUNT, selects) - before.value(DB_COUNT, selects))
                .as("one SELECT per request%s", after.lines(DB_COUNT)).isEqualTo(requests);
        assertThat(after.value(DB_QUERIES_PER_REQUEST + "_sum", route) - before.value(DB_QUERIES_PER_REQUEST + "_sum", route))
                .as("each counted to its request%s", after.lines(DB_QUERIES_PER_REQUEST)).isEqualTo(requests);
        Pattern traced = Pattern.compile("tables counted trace_id=([0-9a-f]{32})");
        assertThat(app.stdout().lines().map(traced::matcher).filter(Matcher::matches).map(m -> m.group(1)).distinct())
                .as("the callback's line has its request's trace:%n%s", app.stdout()).hasSize(requests);
    }

    @Test
    void aFailedQueryHasItsExceptionAndABatchItsSize() {
        Map<String, String> failed = Map.of("db_system_name", "postgresql", "db_collection_name", "no_such_table",
                "error_type", "io.vertx.pgclient.PgException");
        Map<String, String> batch = Map.of("db_system_name", "postgresql", "db_operation_name", "BATCH SELECT");
        Scrape before = Scrape.fetch(metricsPort);

        assertThat(Http.get(port, "/broken").status()).isEqualTo(500);
        assertThat(Http.get(port, "/batch").status()).isEqualTo(200);

        Scrape after = Scrape.awaitValue(metricsPort, DB_COUNT, batch, before.value(DB_COUNT, batch) + 1);
        assertThat(after.value(DB_COUNT, failed) - before.value(DB_COUNT, failed)).as(after.lines(DB_COUNT)).isEqualTo(1);
        assertThat(after.value(DB_COUNT, batch) - before.value(DB_COUNT, batch)).as(after.lines(DB_COUNT)).isEqualTo(1);
        assertThat(after.value(BATCH_SIZE + "_sum", batch) - before.value(BATCH_SIZE + "_sum", batch))
                .as("three parameter sets%s", after.lines(BATCH_SIZE)).isEqualTo(3);
        assertThat(app.stdout()).contains("query failed: io.vertx.pgclient.PgException");
        assertThat(after.text()).as("no literal of the SQL in the scrape").doesNotContain("id = 42");
        assertThat(after.samples("vigil_agent_errors_total", Map.of())).as("the agent's own errors").isEmpty();
    }
}
