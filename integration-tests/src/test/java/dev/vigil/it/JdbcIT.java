package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * JDBC through real drivers: the example shop under the agent on H2, PostgreSQL, MariaDB, MySQL's own driver
 * (Connector/J, against the MariaDB server), HSQLDB and SQLite.
 * Each statement counted once with its database, operation and table; a batch once with its size;
 * a failing statement under its exception class; and no SQL literal ever in a label or a log line.
 *
 * <p>PostgreSQL and MariaDB are skipped when they do not listen on 127.0.0.1 (failed instead with
 * {@code VIGIL_REQUIRE_SERVICES=1}). One app per database; the tests compare before and after.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(JdbcIT.Database.class)
class JdbcIT {

    enum Database {
        H2("h2", HttpServerExample.H2_URL, "", "org.h2.jdbc.JdbcSQLSyntaxErrorException"),
        POSTGRESQL("postgresql", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "org.postgresql.util.PSQLException"),
        MARIADB("mariadb", "jdbc:mariadb://127.0.0.1:3306/test", "root", "java.sql.SQLSyntaxErrorException"),
        /** MySQL's own driver, Connector/J, against the same MariaDB server: another driver's statement classes. */
        MYSQL("mysql", "jdbc:mysql://127.0.0.1:3306/test", "root", "java.sql.SQLSyntaxErrorException"),
        HSQLDB("hsqldb", "jdbc:hsqldb:mem:shop", "SA", "java.sql.SQLSyntaxErrorException"),
        /**
         * A file: each of the app's connections to {@code :memory:} would open a database of its own. In SQLite's own
         * journal mode, whose readers run side by side and whose writers wait their turn (busy_timeout); a fresh file
         * for each run (see {@link #requireRunning}).
         */
        SQLITE("sqlite", "jdbc:sqlite:target/it-logs/JdbcIT-shop.sqlite?busy_timeout=30000", "", "org.sqlite.SQLiteException");

        final String systemName;
        final String url;
        final String user;
        /** What this driver throws for a syntax error (checked by hand against each driver). */
        final String syntaxErrorClass;

        Database(String systemName, String url, String user, String syntaxErrorClass) {
            this.systemName = systemName;
            this.url = url;
            this.user = user;
            this.syntaxErrorClass = syntaxErrorClass;
        }

        void requireRunning() {
            switch (this) {
                case POSTGRESQL -> Services.requirePostgres();
                case MARIADB, MYSQL -> Services.requireMariaDb();
                case SQLITE -> { // a file left by an earlier run, with its journal, starts nothing
                    for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
                        try {
                            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("target/it-logs/JdbcIT-shop.sqlite" + suffix));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                case H2, HSQLDB -> { } // in memory, inside the app
            }
        }
    }

    private static final String DB_COUNT = "db_client_operation_duration_seconds_count";
    private static final String BATCH_SIZE = "vigil_db_client_batch_size";
    private static final int THREADS = 8;
    /** Label values that are numbers by design: histogram bucket bounds. */
    private static final Set<String> NUMERIC_LABELS = Set.of("le", "quantile");
    /** A random UUID per process (vigil_agent_info): it holds "42" by chance about one run in nine. */
    private static final Set<String> RANDOM_LABELS = Set.of("service_instance_id");

    private static AppProcess app;
    private static int appPort;
    private static int metricsPort;

    @Parameter
    Database database;

    @BeforeParameterizedClassInvocation
    static void startTheShopOn(Database database) {
        database.requireRunning();
        appPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = HttpServerExample.onPort(appPort)
                .name("JdbcIT-" + database.systemName)
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                // The most the agent ever logs: a literal must not show up even there.
                .sysProp("vigil.log.level", "debug")
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
    void countsEachStatementExactlyOnceUnderConcurrency() {
        int reads = 200;
        int orders = 120;
        Map<String, String> selectItems = operation("SELECT", "items");
        Map<String, String> insertOrders = operation("INSERT", "orders");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> readStatuses = Http.hammer(reads, THREADS,
                i -> Http.request(appPort, "/items/" + (1 + i % HttpServerExample.ITEMS)).GET().build());
        Map<Integer, Integer> orderStatuses = Http.hammer(orders, THREADS, i -> postOrder(1 + i % HttpServerExample.ITEMS));

        assertThat(readStatuses).isEqualTo(Map.of(200, reads));
        assertThat(orderStatuses).isEqualTo(Map.of(201, orders));
        double selectsBefore = before.value(DB_COUNT, selectItems);
        double insertsBefore = before.value(DB_COUNT, insertOrders);
        Scrape after = Scrape.await(metricsPort,
                s -> s.value(DB_COUNT, selectItems) >= selectsBefore + reads
                        && s.value(DB_COUNT, insertOrders) >= insertsBefore + orders,
                Duration.ofSeconds(10));
        assertThat(after.value(DB_COUNT, selectItems) - selectsBefore).as(after.lines(DB_COUNT)).isEqualTo(reads);
        assertThat(after.value(DB_COUNT, insertOrders) - insertsBefore).as(after.lines(DB_COUNT)).isEqualTo(orders);
        assertThat(after.labelValues(DB_COUNT, "db_system_name")).as(after.lines(DB_COUNT))
                .containsExactly(database.systemName);
    }

    @Test
    void aBatchIsOneOperationWithItsSize() {
        int size = 37;
        Map<String, String> batch = operation("BATCH INSERT", "orders");
        Map<String, String> batchSize = Map.of(
                "db_system_name", database.systemName,
                "db_operation_name", "BATCH INSERT",
                "db_collection_name", "orders");
        Map<String, String> singleInserts = operation("INSERT", "orders");
        Scrape before = Scrape.fetch(metricsPort);

        Http.Response response = Http.post(appPort, "/orders/batch?n=" + size, "item=2&qty=1",
                "application/x-www-form-urlencoded");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        Scrape after = Scrape.awaitValue(metricsPort, DB_COUNT, batch, before.value(DB_COUNT, batch) + 1);
        String shown = after.lines(DB_COUNT) + after.lines(BATCH_SIZE);
        assertThat(after.value(DB_COUNT, batch) - before.value(DB_COUNT, batch)).as(shown).isEqualTo(1);
        assertThat(after.value(BATCH_SIZE + "_count", batchSize) - before.value(BATCH_SIZE + "_count", batchSize))
                .as(shown).isEqualTo(1);
        assertThat(after.value(BATCH_SIZE + "_sum", batchSize) - before.value(BATCH_SIZE + "_sum", batchSize))
                .as(shown).isEqualTo(size);
        // The rows of a batch are not also counted one by one (drivers run batches through their own execute).
        assertThat(after.value(DB_COUNT, singleInserts) - before.value(DB_COUNT, singleInserts)).as(shown).isZero();
    }

    @Test
    void namesTheOperationAndTableOfUpdatesAndDeletes() {
        Map<String, String> updateItems = operation("UPDATE", "items");
        Map<String, String> deleteOrders = operation("DELETE", "orders");
        Scrape before = Scrape.fetch(metricsPort);

        Http.Response response = Http.get(appPort, "/report");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Scrape after = Scrape.await(metricsPort,
                s -> s.value(DB_COUNT, updateItems) > before.value(DB_COUNT, updateItems)
                        && s.value(DB_COUNT, deleteOrders) > before.value(DB_COUNT, deleteOrders),
                Duration.ofSeconds(10));
        assertThat(after.value(DB_COUNT, updateItems) - before.value(DB_COUNT, updateItems)).as(after.lines(DB_COUNT)).isEqualTo(1);
        assertThat(after.value(DB_COUNT, deleteOrders) - before.value(DB_COUNT, deleteOrders)).as(after.lines(DB_COUNT)).isEqualTo(1);
    }

    @Test
    void aLiteralInTheSqlNeverReachesALabelOrTheLog() {
        String secret = "s3cr3t-literal-42";
        Map<String, String> selectItems = operation("SELECT", "items");
        Scrape before = Scrape.fetch(metricsPort);

        Http.Response response = Http.get(appPort, "/search?q=" + secret);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Scrape after = Scrape.awaitValue(metricsPort, DB_COUNT, selectItems, before.value(DB_COUNT, selectItems) + 1);
        assertThat(after.value(DB_COUNT, selectItems) - before.value(DB_COUNT, selectItems))
                .as("the search ran as one SELECT on items" + after.lines(DB_COUNT)).isEqualTo(1);
        assertThat(after.text()).doesNotContain("s3cr3t").doesNotContain("literal-42");
        List<String> labelsWith42 = after.samples().stream()
                .flatMap(sample -> sample.labels().entrySet().stream()
                        .filter(label -> !NUMERIC_LABELS.contains(label.getKey()) && !RANDOM_LABELS.contains(label.getKey())
                                && label.getValue().contains("42"))
                        .map(label -> sample.name() + "{" + label.getKey() + "=\"" + label.getValue() + "\"}"))
                .distinct()
                .toList();
        assertThat(labelsWith42).as("label values containing the literal's 42").isEmpty();
        assertThat(app.stderr()).as("the agent's log (stderr)").doesNotContain("s3cr3t").doesNotContain("literal-42");
        assertThat(app.stdout()).as("stdout").doesNotContain("s3cr3t");
    }

    @Test
    void aFailingStatementIsCountedUnderTheDriversExceptionAndTheAppAnswers() {
        Map<String, String> failed = Map.of(
                "db_system_name", database.systemName,
                "error_type", database.syntaxErrorClass);
        Scrape before = Scrape.fetch(metricsPort);

        Http.Response response = Http.get(appPort, "/bad-sql");

        assertThat(response.status()).as(response.toString()).isEqualTo(500);
        Scrape after = Scrape.awaitValue(metricsPort, DB_COUNT, failed, before.value(DB_COUNT, failed) + 1);
        assertThat(after.value(DB_COUNT, failed) - before.value(DB_COUNT, failed)).as(after.lines(DB_COUNT)).isEqualTo(1);
        assertThat(Http.get(appPort, "/items/1").status()).isEqualTo(200);
        assertThat(Http.get(appPort, "/health").status()).isEqualTo(200);
    }

    /** A successful operation of this database on {@code table}. */
    private Map<String, String> operation(String name, String table) {
        Map<String, String> labels = new HashMap<>();
        labels.put("db_system_name", database.systemName);
        labels.put("db_operation_name", name);
        labels.put("db_collection_name", table);
        labels.put("error_type", "");
        return labels;
    }

    private static HttpRequest postOrder(int item) {
        return Http.request(appPort, "/orders")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("item=" + item + "&qty=1"))
                .build();
    }
}
