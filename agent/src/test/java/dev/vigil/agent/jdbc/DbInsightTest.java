package dev.vigil.agent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class DbInsightTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RequestQueries current;
    private final DbInsight insight = new DbInsight(registry, 10, 500, 100, () -> current);

    @Test
    void aShapeRepeatedInOneRequestIsOneNPlusOne() {
        current = new RequestQueries();
        insight.onQuery("SELECT * FROM orders WHERE customer_id = ?", "h2", "SELECT", "orders", 1_000);
        for (int i = 0; i < 12; i++) {
            insight.onQuery("SELECT name FROM items WHERE id = ?", "h2", "SELECT", "items", 1_000);
        }
        insight.onRequestEnd(current, "/orders/recent", () -> null);

        assertThat(registry.get("vigil.db.n.plus.one").tag("http.route", "/orders/recent")
                .tag("db.collection.name", "items").counter().count()).isEqualTo(1);
        assertThat(registry.get("vigil.http.server.db.queries.per.request").tag("http.route", "/orders/recent")
                .summary().totalAmount()).isEqualTo(13);
    }

    @Test
    void nineRepeatsOrABatchOrARequestWithoutQueriesAreNot() {
        current = new RequestQueries();
        for (int i = 0; i < 9; i++) {
            insight.onQuery("SELECT name FROM items WHERE id = ?", "h2", "SELECT", "items", 1_000);
        }
        insight.onRequestEnd(current, "/few", () -> null);
        current = new RequestQueries();
        insight.onQuery("INSERT INTO orders (item_id, qty) VALUES (?, ?)", "h2", "BATCH INSERT", "orders", 1_000);
        insight.onRequestEnd(current, "/batch", () -> null);
        insight.onRequestEnd(null, "/health", () -> null);

        assertThat(registry.find("vigil.db.n.plus.one").counters()).isEmpty();
        assertThat(registry.get("vigil.http.server.db.queries.per.request").tag("http.route", "/health")
                .summary().count()).isEqualTo(1);
    }

    @Test
    void aSlowQueryIsCountedAtOnce() {
        insight.onQuery("SELECT pg_sleep(?)", "postgresql", "SELECT", "", 600_000_000L);
        assertThat(registry.get("vigil.db.slow.queries").counter().count()).isEqualTo(1);
    }

    @Test
    void aShapesExecutionsCountTheSameWhenWhatIsKeptOfItIsOnTheShape() {
        SqlShape shape = SqlSanitizer.shape("SELECT name FROM items WHERE id = 7");
        DbInsight other = new DbInsight(new SimpleMeterRegistry(), 10, 500, 100, () -> null);
        current = new RequestQueries();
        for (int i = 0; i < 12; i++) {
            insight.onQuery(shape, "h2", "SELECT", "items", 1_000, null);
            other.onQuery(shape, "h2", "SELECT", "items", 1_000, null); // two instances, one shape
        }
        insight.onQuery(shape.statement(), "h2", "SELECT", "items", 1_000);
        insight.onRequestEnd(current, "/items", () -> null);

        assertThat(insight.statements().top(5)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("statement", "SELECT name FROM items WHERE id = ?").containsEntry("count", 13L));
        assertThat(other.statements().top(5)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("count", 12L));
        assertThat(registry.get("vigil.db.n.plus.one").tag("http.route", "/items").counter().count()).isEqualTo(1);
    }

    @Test
    void oneHundredThousandDistinctSqlTextsStayWithinFixedCaps() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DbInsight flooded = new DbInsight(prometheus, 10, 500, 100, () -> current);
        JdbcRecorder jdbc = new JdbcRecorder(prometheus, 200);
        jdbc.reportQueriesTo(flooded);
        Object statement = new Object();
        current = new RequestQueries();
        flood(jdbc, 0);
        flooded.onRequestEnd(current, "/flood", () -> null);
        long series = prometheus.scrape().lines().filter(line -> !line.startsWith("#")).count();

        flood(jdbc, 100_000); // another 100,000 distinct statements change nothing
        assertThat(prometheus.scrape().lines().filter(line -> !line.startsWith("#")).count()).isEqualTo(series);
        assertThat(prometheus.find("db.client.operation.duration").timers()).hasSize(201); // 200 tables + _OTHER
        assertThat(flooded.statements().size()).isEqualTo(100);
        assertThat(current.repeatedAtLeast(1)).hasSize(RequestQueries.MAX_SHAPES);
        assertThat(flooded.statements().top(100).toString()).doesNotContain("secret-");
        assertThat(prometheus.scrape()).doesNotContain("secret-");
    }

    private static void flood(JdbcRecorder jdbc, int from) {
        Object statement = new Object();
        for (int i = from; i < from + 100_000; i++) {
            // Distinct tables and distinct literals: the worst an application can send.
            Object call = jdbc.start(statement, "select c" + i + " from t" + i + " where k = 'secret-" + i + "'");
            jdbc.end(call, null);
        }
    }
}
