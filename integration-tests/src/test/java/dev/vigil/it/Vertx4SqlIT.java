package dev.vigil.it;

import static dev.vigil.it.support.Contract.DB_BATCH_SIZE;
import static dev.vigil.it.support.Contract.DB_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.DbChecks;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Services;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -javaagent:vigil-agent.jar -jar vertx4-sql-app.jar PORT}: Vert.x 4's reactive PostgreSQL client
 * through its callback methods, the ones Quarkus' Mutiny clients call (Vert.x 5's {@code Future} methods are
 * {@code VertxIT}'s). Needs PostgreSQL on 127.0.0.1:5432; skipped without it, failed in CI.
 */
class Vertx4SqlIT {
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

        DbChecks.oneStatementPerRequest(port, metricsPort, requests, i -> "/tables?kind=" + (i % 2 == 0 ? "r" : "i"),
                route, selects);
        assertThat(DbChecks.tracesOfLines(app.stdout(), "tables counted"))
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
        assertThat(after.value(DB_BATCH_SIZE + "_sum", batch) - before.value(DB_BATCH_SIZE + "_sum", batch))
                .as("three parameter sets%s", after.lines(DB_BATCH_SIZE)).isEqualTo(3);
        assertThat(app.stdout()).contains("query failed: io.vertx.pgclient.PgException");
        assertThat(after.text()).as("no literal of the SQL in the scrape").doesNotContain("id = 42");
        assertThat(after.samples("vigil_agent_errors_total", Map.of())).as("the agent's own errors").isEmpty();
    }
}
