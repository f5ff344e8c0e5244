package dev.vigil.it.hardening;

import static dev.vigil.it.support.HeapAfterGc.MB;
import static dev.vigil.it.support.HeapAfterGc.mb;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.HeapAfterGc;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * 100,000 random SQL texts (distinct tables, columns, aliases, literals, IN lists of every length,
 * comments, statements no database knows) executed through JDBC on H2 inside the app, with the agent's
 * default settings: every execution is counted, and neither the series on /metrics, nor the heap, nor
 * {@code /vigil/queries} grows with the number of distinct statements.
 */
class RandomSqlHardeningIT {

    private static final int STATEMENTS = 100_000;
    private static final int PER_REQUEST = 100;
    private static final int ROUNDS = 4;
    private static final int CLIENT_THREADS = 4;
    private static final long SEED = 4_111_111L;

    /**
     * Series on /metrics after the flood. The database histogram has 62 lines per series (58 bucket bounds
     * and +Inf, _count, _sum, _max). Tables are capped at 200 (vigil.jdbc.max-collections), operations and
     * error types at 64 each; the app's 50 real tables see five operations with and without errors, the
     * rest falls into _OTHER. That is under 600 series, about 37,000 lines, plus the HTTP and JVM series.
     * A series per statement text would be millions.
     */
    private static final int MAX_SERIES = 60_000;

    /**
     * Live heap growth over the flood: the agent's timers (bounded as above, a few MB), its cache of 4,096
     * statement shapes and the 100 statements of /vigil/queries. 100,000 statement texts kept would be
     * far more (they average about 120 characters).
     */
    private static final long MAX_GROWTH = 24 * MB;

    /** Growth over the last three rounds (75,000 statements), when every cap is already full. */
    private static final long MAX_GROWTH_AFTER_FIRST_ROUND = 3 * MB;

    /** vigil.db.top-statements, default. */
    private static final int TOP_STATEMENTS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHundredThousandRandomStatementsAreAllCountedAndLeaveSeriesHeapAndQueriesPageBounded() {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HardeningApp.onPorts(appPort, AppProcess.freePort())
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .jvmArg("-Xmx256m")
                .start()) {
            HardeningApp.awaitReady(app, appPort);
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
            // Warm-up: the same statement shapes the flood starts with, so JIT and H2's caches are behind the first reading.
            int warmUp = 20;
            assertThat(Http.hammer(warmUp, CLIENT_THREADS, i -> sqlRequest(appPort, STATEMENTS + i * PER_REQUEST)))
                    .isEqualTo(Map.of(200, warmUp));
            Scrape before = Scrape.fetch(metricsPort);
            long heapBefore = HeapAfterGc.liveBytes(app);

            AtomicLong failedByDatabase = new AtomicLong();
            List<Long> heapAfterRound = new ArrayList<>();
            int requestsPerRound = STATEMENTS / PER_REQUEST / ROUNDS;
            long started = System.nanoTime();
            for (int round = 0; round < ROUNDS; round++) {
                int first = round * requestsPerRound * PER_REQUEST;
                Map<Integer, Integer> statuses = Http.hammer(requestsPerRound, CLIENT_THREADS,
                        i -> sqlRequest(appPort, first + i * PER_REQUEST));
                assertThat(statuses).as("round " + round + "\n" + app.logTail()).isEqualTo(Map.of(200, requestsPerRound));
                heapAfterRound.add(HeapAfterGc.liveBytes(app));
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;

            Scrape after = Scrape.awaitValue(metricsPort, Contract.DB_COUNT, Map.of(),
                    before.value(Contract.DB_COUNT) + STATEMENTS, Duration.ofSeconds(30));
            Http.Response queries = Http.get(metricsPort, Contract.QUERIES_PAGE);
            JsonNode statements = json(queries.body()).get("statements");
            List<String> quoted = new ArrayList<>();
            statements.forEach(s -> {
                if (s.get("statement").asText().contains("'")) {
                    quoted.add(s.get("statement").asText());
                }
            });
            long growth = heapAfterRound.get(ROUNDS - 1) - heapBefore;
            long lateGrowth = heapAfterRound.get(ROUNDS - 1) - heapAfterRound.get(0);
            String measured = "statements: " + STATEMENTS + " in " + seconds + " s; series " + before.samples().size()
                    + " -> " + after.samples().size() + "; tables " + after.labelValues(Contract.DB_COUNT, "db_collection_name").size()
                    + ", operations " + after.labelValues(Contract.DB_COUNT, "db_operation_name").size()
                    + "; /vigil/queries " + statements.size() + " statements, " + queries.body().length() + " chars; live heap "
                    + mb(heapBefore) + " -> " + heapAfterRound.stream().map(HeapAfterGc::mb).toList();
            System.out.println("RandomSqlHardeningIT: " + measured);

            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(after.value(Contract.DB_COUNT) - before.value(Contract.DB_COUNT))
                        .as("every execution counted once; " + measured).isEqualTo(STATEMENTS);
                softly.assertThat(after.value(Contract.DB_COUNT, Map.of("error_type", "")))
                        .as("most of them succeed").isGreaterThan(STATEMENTS / 2.0);
                softly.assertThat(after.labelValues(Contract.DB_COUNT, "db_collection_name"))
                        .as("tables: at most vigil.jdbc.max-collections and _OTHER").hasSizeLessThanOrEqualTo(201 + 1)
                        .contains("_OTHER");
                softly.assertThat(after.labelValues(Contract.DB_COUNT, "db_operation_name"))
                        .as("operations: at most 64 and _OTHER").hasSizeLessThanOrEqualTo(65 + 1);
                softly.assertThat(after.samples().size()).as("series on /metrics; " + measured).isLessThan(MAX_SERIES);
                softly.assertThat(statements.size()).as("statements on /vigil/queries").isLessThanOrEqualTo(TOP_STATEMENTS);
                softly.assertThat(queries.body().length()).as("/vigil/queries (statements are cut at 2,000 characters)")
                        .isLessThan(TOP_STATEMENTS * 2_500);
                softly.assertThat(quoted).as("statements on /vigil/queries with a string literal left").isEmpty();
                softly.assertThat(growth).as("live heap growth over the flood (cap " + mb(MAX_GROWTH) + "); " + measured)
                        .isLessThan(MAX_GROWTH);
                softly.assertThat(lateGrowth).as("live heap growth over the last " + (ROUNDS - 1) + " rounds (cap "
                        + mb(MAX_GROWTH_AFTER_FIRST_ROUND) + "); " + measured).isLessThan(MAX_GROWTH_AFTER_FIRST_ROUND);
                softly.assertThat(app.stderr().lines().count()).as("the agent does not log per statement\n" + app.logTail())
                        .isLessThan(20);
            });
        }
    }

    /** {@code POST /sql} with statements {@code first} to {@code first + PER_REQUEST - 1}. */
    private static HttpRequest sqlRequest(int port, int first) {
        String body = IntStream.range(first, first + PER_REQUEST).mapToObj(RandomSqlHardeningIT::randomSql)
                .collect(Collectors.joining("\n"));
        return Http.request(port, "/sql").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Statement {@code i}: the same text for the same {@code i}. One line; tables t0 to t49 exist. */
    static String randomSql(int i) {
        Random random = new Random(SEED * 1_000_003L + i);
        String table = "t" + random.nextInt(50);
        String word = RandomText.word(random);
        return switch (i % 10) {
            case 0 -> "SELECT " + columns(random) + " FROM " + table + " WHERE id = " + random.nextInt(1_000)
                    + " AND name = '" + word + "-" + random.nextInt(1_000_000) + "'";
            case 1 -> "SELECT * FROM " + table + " WHERE id IN (" + IntStream.range(0, 1 + random.nextInt(60))
                    .mapToObj(n -> String.valueOf(random.nextInt(100_000))).collect(Collectors.joining(", ")) + ")";
            case 2 -> "/* " + word + " " + RandomText.uuid(random) + " */ UPDATE " + table + " SET amount = "
                    + random.nextInt(100_000) / 100.0 + " WHERE note = '" + RandomText.token(random, 12) + "' -- " + RandomText.word(random);
            case 3 -> "INSERT INTO " + table + " (id, name, amount, note) VALUES (" + random.nextInt() + ", '" + word
                    + "', " + random.nextInt(1_000) + ".5, '" + RandomText.uuid(random) + "')";
            case 4 -> "DELETE FROM " + table + " WHERE id = " + random.nextInt(20) + " OR name LIKE '%" + word + "%'";
            // Tables and columns that do not exist: the database says no, the agent still counts them.
            case 5 -> "SELECT " + word + "_" + random.nextInt(1_000) + " FROM " + RandomText.word(random) + "_"
                    + RandomText.word(random) + "_" + random.nextInt(100_000) + " WHERE " + word + " = " + random.nextInt();
            // A first word no database knows: the operation label has its own cap.
            case 6 -> RandomText.token(random, 8).replaceAll("[0-9]", "").toUpperCase(Locale.ROOT) + "X " + word + " " + random.nextInt();
            case 7 -> "SELECT id AS " + word + random.nextInt(100_000) + ", name FROM " + table + " WHERE amount BETWEEN "
                    + random.nextInt(10) + " AND " + (10 + random.nextInt(100));
            case 8 -> "WITH recent AS (SELECT id FROM " + table + " WHERE note <> '" + RandomText.hex(random, 20)
                    + "') SELECT COUNT(*) FROM recent";
            default -> "UPDATE " + table + " SET note = '" + RandomText.uuid(random) + "', name = 'it''s " + word
                    + "' WHERE id = " + random.nextInt(10) + " AND amount > " + random.nextInt(100) + " /* by " + RandomText.word(random) + " */";
        };
    }

    private static String columns(Random random) {
        List<String> all = List.of("id", "name", "amount", "note");
        String picked = all.stream().filter(c -> random.nextBoolean()).collect(Collectors.joining(", "));
        return picked.isEmpty() ? "*" : picked;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
