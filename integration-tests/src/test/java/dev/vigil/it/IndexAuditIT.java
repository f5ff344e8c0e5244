package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Chromium;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The index audit ({@code -Dvigil.db.explain.enabled=true}) in the example shop on H2, PostgreSQL and
 * MariaDB: a filter on the unindexed {@code events.kind} is found as a full scan with the index that
 * fixes it and counted per execution, a primary-key lookup is not, a DELETE is never explained, and no
 * parameter value reaches the page, the metrics or the log. (The plans themselves, and the index that
 * removes the scan, are checked on the three databases in the agent's IndexAuditDatabasesTest.)
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = JdbcIT.Database.class, names = {"H2", "POSTGRESQL", "MARIADB", "MYSQL"})
class IndexAuditIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KIND_SHAPE = "SELECT COUNT(*) FROM events WHERE kind = ?";
    private static final String ID_SHAPE = "SELECT kind FROM events WHERE id = ?";
    private static final String DELETE_SHAPE = "DELETE FROM orders WHERE qty <= ?";
    /** The parameter values the requests send: none may show up anywhere. */
    private static final String KIND = "signup7";

    private static AppProcess app;
    private static int appPort;
    private static int metricsPort;

    @Parameter
    JdbcIT.Database database;

    @BeforeParameterizedClassInvocation
    static void startTheShopOn(JdbcIT.Database database) {
        database.requireRunning();
        appPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = HttpServerExample.onPort(appPort)
                .name("IndexAuditIT-" + database.systemName)
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.log.level", "debug")
                .sysProp("vigil.db.explain.enabled", "true")
                .sysProp("vigil.db.explain.interval-seconds", "1")
                .sysProp("app.events", "20000")
                .sysProp("app.jdbc.url", database.url)
                .sysProp("app.jdbc.user", database.user)
                .sysProp("app.jdbc.password", "")
                .start();
        HttpServerExample.awaitReady(app, appPort);
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
    }

    @AfterParameterizedClassInvocation
    static void stopTheShop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    @Test
    void theUnindexedFilterIsAFullScanWithItsIndexAndThePrimaryKeyLookupIsNot() {
        JsonNode kind = awaitExplained(KIND_SHAPE, row -> true);
        assertThat(kind.get("full_scan").asBoolean()).as("%s", kind).isTrue();
        assertThat(kind.get("db_system_name").asText()).isEqualTo(database.systemName);
        assertThat(kind.get("db_collection_name").asText()).isEqualTo("events");
        assertThat(kind.get("suggested_index").asText()).isEqualTo("CREATE INDEX events_kind_idx ON events (kind)");
        assertThat(kind.get("plan").asText()).isNotEmpty();
        assertThat(kind.get("count").asLong()).isPositive();
        assertThat(kind.has("p99_seconds") && kind.has("total_seconds")).isTrue();

        JsonNode byId = awaitExplained(ID_SHAPE, row -> true);
        assertThat(byId.get("full_scan").asBoolean()).as("%s", byId).isFalse();
        assertThat(byId.get("suggested_index").isNull()).isTrue();
    }

    @Test
    void eachExecutionOfTheScanningStatementIsCounted() {
        awaitExplained(KIND_SHAPE, row -> row.get("full_scan").asBoolean());
        Map<String, String> events = Map.of("db_system_name", database.systemName, "db_collection_name", "events");
        Scrape before = Scrape.fetch(metricsPort);

        for (int i = 0; i < 12; i++) {
            assertThat(Http.get(appPort, "/events?kind=" + KIND).status()).isEqualTo(200);
        }

        Scrape after = Scrape.awaitValue(metricsPort, "vigil_db_full_scans_total", events,
                before.value("vigil_db_full_scans_total", events) + 12);
        assertThat(after.value("vigil_db_full_scans_total", events) - before.value("vigil_db_full_scans_total", events))
                .as("%s", after.lines("vigil_db_full_scans_total")).isEqualTo(12);
    }

    @Test
    void aDeleteIsNeverExplainedAndNoValueIsShown() {
        for (int i = 0; i < 5; i++) {
            assertThat(Http.get(appPort, "/report").status()).isEqualTo(200);
        }
        awaitExplained(KIND_SHAPE, row -> true);
        // Explained statements come and go every second; the DELETE is among the most expensive all along.
        JsonNode delete = find(audit(), row -> row.get("db_operation_name").asText().equals("DELETE"));
        assertThat(delete).as("the DELETE shape on the audit page").isNotNull();
        assertThat(delete.get("explained").asBoolean()).isFalse();

        String page = Http.get(metricsPort, "/vigil/audit").body();
        String html = Http.send(Http.request(metricsPort, "/vigil/audit").header("Accept", "text/html").GET().build()).body();
        assertThat(html).contains("<table").contains("CREATE INDEX events_kind_idx ON events (kind)");
        for (String text : new String[] {page, html, Scrape.fetch(metricsPort).text(), app.stdout(), app.stderr()}) {
            assertThat(text).doesNotContain(KIND).doesNotContain("'signup");
        }
    }

    /** Reads in auto-commit are replica candidates of their route and table; a read inside a transaction is not. */
    @Test
    void readsOutsideATransactionAreReplicaCandidates() {
        for (int i = 0; i < 9; i++) {
            assertThat(Http.get(appPort, "/items/" + (1 + i % 5)).status()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(appPort, "/items/2/stock").status()).isEqualTo(200);
        }

        JsonNode page = auditPage();
        JsonNode items = find(page.get("replica_candidates"), row -> row.get("http_route").asText().equals("/items/{id}")
                && row.get("db_collection_name").asText().equals("items"));
        assertThat(items).as("%s", page.get("replica_candidates")).isNotNull();
        assertThat(items.get("reads").asLong()).isEqualTo(9);
        assertThat(items.get("share_of_route_db_time").asDouble()).as("the route's only statement").isEqualTo(1.0);
        assertThat(find(page.get("replica_candidates"), row -> row.get("http_route").asText().equals("/items/{id}/stock")))
                .as("the stock check reads its item inside a transaction").isNull();
    }

    /**
     * {@code java -jar vigil-agent.jar audit URL -o audit.html} writes the report a founder reads, and the agent
     * serves the same to a browser at /vigil/audit: both render in Chromium with the slow routes, the N+1
     * route, the full scan with its index. (On H2 only: the page does not depend on the database.)
     */
    @Test
    void theAuditReportRendersInABrowser() throws Exception {
        Assumptions.assumeTrue(database == JdbcIT.Database.H2, "the report is the same on every database");
        Path chromium = Chromium.require();
        assertThat(Http.get(appPort, "/orders/recent").status()).isEqualTo(200);
        for (int i = 0; i < 12; i++) {
            Http.post(appPort, "/orders?item=" + (1 + i % 5) + "&qty=1", "");
        }
        assertThat(Http.get(appPort, "/orders/recent").status()).isEqualTo(200);
        awaitExplained(KIND_SHAPE, row -> row.get("full_scan").asBoolean());

        Path dir = Files.createTempDirectory("vigil-audit");
        Path report = dir.resolve("audit.html");
        try {
            ProcessBuilder cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", Artifacts.agentJar().toString(), "audit", "http://127.0.0.1:" + metricsPort, "-o", report.toString())
                    .redirectErrorStream(true);
            Process process = cli.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the audit command finished").isTrue();
            assertThat(process.exitValue()).as(output).isZero();

            for (String url : List.of(report.toUri().toString(), "http://127.0.0.1:" + metricsPort + "/vigil/audit")) {
                String dom = Chromium.run(chromium, List.of("--dump-dom", url), app);
                assertThat(dom).as(url).contains("Routes by p99").contains("GET /events")
                        .contains("N+1").contains("/orders/recent").contains("SELECT name FROM items WHERE id = ?")
                        .contains("full scan").contains("CREATE INDEX events_kind_idx ON events (kind)")
                        .contains("Business events").contains("Read replica candidates")
                        .doesNotContain(KIND);
            }
        } finally {
            Files.deleteIfExists(report);
            Files.deleteIfExists(dir);
        }
    }

    private JsonNode awaitExplained(String statement, Predicate<JsonNode> also) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 3; i++) {
                assertThat(Http.get(appPort, "/events?kind=" + KIND).status()).isEqualTo(200);
                assertThat(Http.get(appPort, "/events/" + (100 + i)).status()).isEqualTo(200);
            }
            last = find(audit(), row -> row.get("statement").asText().equals(statement));
            if (last != null && last.get("explained").asBoolean() && also.test(last)) {
                return last;
            }
            sleep(300);
        }
        throw new AssertionError("not explained in 60 s: " + statement + "; last seen " + last + "\n" + app.logTail());
    }

    private static JsonNode audit() {
        return auditPage().get("statements");
    }

    private static JsonNode auditPage() {
        Http.Response response = Http.send(Http.request(metricsPort, "/vigil/audit").header("Accept", "application/json").GET().build());
        assertThat(response.status()).isEqualTo(200);
        try {
            JsonNode page = JSON.readTree(response.body());
            assertThat(page.get("explain_enabled").asBoolean()).isTrue();
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode find(JsonNode rows, Predicate<JsonNode> which) {
        for (JsonNode row : rows) {
            if (which.test(row)) {
                return row;
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
