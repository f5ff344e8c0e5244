package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.it.support.AgentEvents;
import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.JsonLogs;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Traceparent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Database insight on the example shop (plain JDBC, no pool) on H2, PostgreSQL and MariaDB: statements
 * per request counted exactly, a batch as one statement, the shop's deliberate N+1 reported once per
 * request (metric and one JSON line with the request's trace), a slow statement with its route and
 * trace, and {@code /vigil/queries} with the right counts and no literal.
 *
 * <p>One app per database, shared by the tests, which compare before and after; the agent's settings are
 * its defaults (N+1 at 10 repeats, slow at 500 ms).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = JdbcIT.Database.class, names = {"H2", "POSTGRESQL", "MARIADB", "MYSQL"})
class DbInsightIT {

    private static final String PER_REQUEST_COUNT = Contract.DB_QUERIES_PER_REQUEST + "_count";
    private static final String PER_REQUEST_SUM = Contract.DB_QUERIES_PER_REQUEST + "_sum";
    private static final String PER_REQUEST_BUCKET = Contract.DB_QUERIES_PER_REQUEST + "_bucket";
    private static final String DB_TIME_COUNT = Contract.DB_TIME_PER_REQUEST + "_count";
    private static final String DB_TIME_SUM = Contract.DB_TIME_PER_REQUEST + "_sum";
    /** The statement the shop runs once per order in {@code GET /orders/recent}. */
    private static final String ITEM_NAME = "SELECT name FROM items WHERE id = ?";
    /** {@code GET /orders/recent} looks at the last 20 orders. */
    private static final int RECENT = 20;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AppProcess app;
    private static int appPort;
    private static int metricsPort;
    /** Executions of {@link #ITEM_NAME} since the app started: the sum of the /orders/recent answers' lengths. */
    private static final AtomicLong itemNameExecutions = new AtomicLong();

    @Parameter
    JdbcIT.Database database;

    @BeforeParameterizedClassInvocation
    static void startTheShopOn(JdbcIT.Database database) {
        database.requireRunning();
        appPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        itemNameExecutions.set(0);
        app = HttpServerExample.onPort(appPort)
                .name("DbInsightIT-" + database.systemName)
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
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
    void countsStatementsPerRequestExactly() {
        int orders = 60;
        Map<String, String> route = route("/orders");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(orders, 8, i -> postOrder(1 + i % HttpServerExample.ITEMS));

        assertThat(statuses).isEqualTo(Map.of(201, orders));
        Scrape after = Scrape.awaitValue(metricsPort, PER_REQUEST_COUNT, route, before.value(PER_REQUEST_COUNT, route) + orders);
        String shown = after.lines(Contract.DB_QUERIES_PER_REQUEST) + after.lines(Contract.DB_TIME_PER_REQUEST);
        assertThat(delta(before, after, PER_REQUEST_COUNT, route)).as(shown).isEqualTo(orders);
        assertThat(delta(before, after, PER_REQUEST_SUM, route)).as("one INSERT per request" + shown).isEqualTo(orders);
        // Every one of them had exactly one statement: all in the le="1" bucket, the first.
        assertThat(bucket(after, route, 1) - bucket(before, route, 1)).as(shown).isEqualTo(orders);
        assertThat(delta(before, after, DB_TIME_COUNT, route)).as(shown).isEqualTo(orders);
        assertThat(delta(before, after, DB_TIME_SUM, route)).as(shown).isPositive();
    }

    @Test
    void aBatchIsOneStatementAndNoNPlusOne() {
        Map<String, String> route = route("/orders/batch");
        Scrape before = Scrape.fetch(metricsPort);

        Http.Response response = Http.post(appPort, "/orders/batch?n=50", "item=2&qty=1", "application/x-www-form-urlencoded");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        Scrape after = Scrape.awaitValue(metricsPort, PER_REQUEST_COUNT, route, before.value(PER_REQUEST_COUNT, route) + 1);
        String shown = after.lines(Contract.DB_QUERIES_PER_REQUEST) + after.lines(Contract.DB_N_PLUS_ONE);
        assertThat(delta(before, after, PER_REQUEST_COUNT, route)).as(shown).isEqualTo(1);
        assertThat(delta(before, after, PER_REQUEST_SUM, route)).as("50 rows in one executeBatch()" + shown).isEqualTo(1);
        assertNoNPlusOne("/orders/batch", after);
    }

    @Test
    void oneQueryWithManyRowsIsNoNPlusOne() {
        Map<String, String> route = route("/items");
        Scrape before = Scrape.fetch(metricsPort);

        Http.Response response = Http.get(appPort, "/items");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(json(response.body()).size()).as(response.toString()).isEqualTo(HttpServerExample.ITEMS);
        Scrape after = Scrape.awaitValue(metricsPort, PER_REQUEST_COUNT, route, before.value(PER_REQUEST_COUNT, route) + 1);
        String shown = after.lines(Contract.DB_QUERIES_PER_REQUEST) + after.lines(Contract.DB_N_PLUS_ONE);
        assertThat(delta(before, after, PER_REQUEST_COUNT, route)).as(shown).isEqualTo(1);
        assertThat(delta(before, after, PER_REQUEST_SUM, route)).as(shown).isEqualTo(1);
        assertNoNPlusOne("/items", after);
    }

    @Test
    void detectsAPlainJdbcLoopOncePerRequest() {
        placeOrders(12);
        int requests = 3;
        Map<String, String> nPlusOne = Map.of("http_route", "/orders/recent", "db_collection_name", "items");
        Map<String, String> route = route("/orders/recent");
        Scrape before = Scrape.fetch(metricsPort);
        int mark = AgentEvents.mark(app);

        // trace ID -> how many orders that request listed, i.e. how often it ran the item lookup
        Map<String, Integer> lookupsByTrace = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            Traceparent caller = Traceparent.random();
            lookupsByTrace.put(caller.traceId(), recentOrders(caller));
        }

        assertThat(lookupsByTrace.values()).as("each request listed the last orders (12 or more were placed)")
                .allSatisfy(lookups -> assertThat(lookups).isBetween(12, RECENT));
        Scrape after = Scrape.awaitValue(metricsPort, Contract.DB_N_PLUS_ONE, nPlusOne,
                before.value(Contract.DB_N_PLUS_ONE, nPlusOne) + requests);
        String shown = after.lines(Contract.DB_N_PLUS_ONE) + after.lines(Contract.DB_QUERIES_PER_REQUEST);
        assertThat(delta(before, after, Contract.DB_N_PLUS_ONE, nPlusOne)).as(shown).isEqualTo(requests);
        assertThat(after.samples(Contract.DB_N_PLUS_ONE, Map.of("http_route", "/orders/recent")))
                .as("one series, on the looked-up table" + shown).hasSize(1);
        int statements = lookupsByTrace.values().stream().mapToInt(lookups -> 1 + lookups).sum();
        assertThat(delta(before, after, PER_REQUEST_SUM, route)).as("the orders query and one lookup per order" + shown)
                .isEqualTo(statements);

        List<JsonLogs.Event> events = AgentEvents.await(app, mark, "n_plus_one", requests, WAIT);
        String logged = AgentEvents.describe(app, mark);
        assertThat(events).as("one n_plus_one line per request in the agent's log" + logged).hasSize(requests);
        for (JsonLogs.Event event : events) {
            assertThat(event.field("http_route")).as(event.toString()).isEqualTo("/orders/recent");
            assertThat(event.field("db_collection_name")).as(event.toString()).isEqualTo("items");
            assertThat(event.field("statement")).as(event.toString()).isEqualTo(ITEM_NAME);
            assertThat(lookupsByTrace).as("the request's own trace ID: " + event).containsKey(event.field("trace_id"));
            assertThat(event.json().get("count").isIntegralNumber()).as(event.toString()).isTrue();
            assertThat(event.json().get("count").asInt()).as("the lookups of that very request: " + event)
                    .isEqualTo(lookupsByTrace.get(event.field("trace_id")));
        }
        assertThat(events.stream().map(e -> e.field("trace_id")).collect(Collectors.toSet()))
                .as("each request once" + logged).isEqualTo(lookupsByTrace.keySet());
    }

    @Test
    void reportsASlowQueryWithRouteAndTrace() {
        Map<String, String> onThisDatabase = Map.of("db_system_name", database.systemName);
        Map<String, String> route = route("/slow");
        Traceparent caller = Traceparent.random();
        Scrape before = Scrape.fetch(metricsPort);
        int mark = AgentEvents.mark(app);

        Http.Response response = Http.send(Http.request(appPort, "/slow?ms=600")
                .header("traceparent", caller.header()).GET().build());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Scrape after = Scrape.awaitValue(metricsPort, Contract.DB_SLOW_QUERIES, onThisDatabase,
                before.value(Contract.DB_SLOW_QUERIES, onThisDatabase) + 1);
        String shown = after.lines(Contract.DB_SLOW_QUERIES) + after.lines(Contract.DB_TIME_PER_REQUEST);
        assertThat(delta(before, after, Contract.DB_SLOW_QUERIES, onThisDatabase)).as(shown).isEqualTo(1);
        assertThat(delta(before, after, DB_TIME_COUNT, route)).as(shown).isEqualTo(1);
        assertThat(delta(before, after, DB_TIME_SUM, route)).as("the request's database time" + shown).isGreaterThanOrEqualTo(0.6);

        List<JsonLogs.Event> events = AgentEvents.await(app, mark, "slow_query", 1, WAIT);
        String logged = AgentEvents.describe(app, mark);
        assertThat(events).as("one slow_query line in the agent's log" + logged).hasSize(1);
        JsonLogs.Event slow = events.get(0);
        assertThat(slow.field("statement")).as(slow.toString()).isEqualTo(sleepStatement());
        assertThat(slow.json().get("duration_ms").isNumber()).as(slow.toString()).isTrue();
        assertThat(slow.json().get("duration_ms").asDouble()).as(slow.toString()).isGreaterThanOrEqualTo(600);
        assertThat(slow.field("http_route")).as(slow.toString()).isEqualTo("/slow");
        assertThat(slow.field("trace_id")).as("the caller's trace: " + slow).isEqualTo(caller.traceId());
        assertThat(Traceparent.isValidSpanId(slow.field("span_id"))).as(slow.toString()).isTrue();
        assertThat(slow.field("span_id")).as("a span of this service, not the caller's").isNotEqualTo(caller.parentId());
        assertThat(slow.field("db_system_name")).as(slow.toString()).isEqualTo(database.systemName);
        // The counter's series is the one the line names.
        Map<String, String> series = Map.of(
                "db_system_name", database.systemName,
                "db_operation_name", slow.field("db_operation_name"),
                "db_collection_name", slow.field("db_collection_name"));
        assertThat(delta(before, after, Contract.DB_SLOW_QUERIES, series)).as(slow + shown).isEqualTo(1);
    }

    @Test
    void servesTheMostExpensiveStatements() {
        String secret = "s3cr3t-literal-99";
        placeOrders(3);
        recentOrders(Traceparent.random());
        recentOrders(Traceparent.random());
        Http.Response search = Http.get(appPort, "/search?q=" + secret);
        assertThat(search.status()).as(search.toString()).isEqualTo(200);

        Http.Response page = Http.get(metricsPort, Contract.QUERIES_PAGE);

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).as(page.toString()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(page.body()).as("no literal anywhere on the page").doesNotContain("s3cr3t").doesNotContain("literal-99");
        JsonNode statements = json(page.body()).get("statements");
        assertThat(statements).as(page.body()).isNotNull();
        assertThat(statements.isArray()).as(page.body()).isTrue();
        List<Double> totals = new ArrayList<>();
        statements.forEach(s -> totals.add(s.get("total_seconds").asDouble()));
        assertThat(totals).as("most expensive first: " + page.body()).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        JsonNode lookup = statement(statements, ITEM_NAME);
        assertThat(lookup).as(ITEM_NAME + " on " + page.body()).isNotNull();
        assertThat(lookup.get("count").asLong()).as("every lookup of every /orders/recent so far: " + lookup)
                .isEqualTo(itemNameExecutions.get());
        assertThat(lookup.get("db_system_name").asText()).isEqualTo(database.systemName);
        assertThat(lookup.get("db_operation_name").asText()).isEqualTo("SELECT");
        assertThat(lookup.get("db_collection_name").asText()).isEqualTo("items");
        double total = lookup.get("total_seconds").asDouble();
        double mean = lookup.get("mean_seconds").asDouble();
        double max = lookup.get("max_seconds").asDouble();
        assertThat(total).as(lookup.toString()).isPositive();
        assertThat(mean).as(lookup.toString()).isCloseTo(total / lookup.get("count").asLong(), within(1e-9));
        assertThat(max).as(lookup.toString()).isBetween(mean, total);
        assertThat(lookup.get("p99_seconds").asDouble()).as(lookup.toString()).isPositive().isLessThanOrEqualTo(max);

        List<JsonNode> searches = new ArrayList<>();
        statements.forEach(s -> {
            if (s.get("statement").asText().contains("LIKE")) {
                searches.add(s);
            }
        });
        assertThat(searches).as("the search, as one shape with its literal replaced: " + page.body()).hasSize(1);
        assertThat(searches.get(0).get("statement").asText()).contains("LIKE ?");
        assertThat(searches.get(0).get("count").asLong()).isEqualTo(1);
    }

    // --- the shop ---

    private void placeOrders(int orders) {
        Map<Integer, Integer> statuses = Http.hammer(orders, 4, i -> postOrder(1 + i % HttpServerExample.ITEMS));
        assertThat(statuses).isEqualTo(Map.of(201, orders));
    }

    /** GET /orders/recent as {@code caller}; returns how many orders it listed (one item lookup each). */
    private int recentOrders(Traceparent caller) {
        Http.Response response = Http.send(Http.request(appPort, "/orders/recent")
                .header("traceparent", caller.header()).GET().build());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        int lookups = json(response.body()).size();
        itemNameExecutions.addAndGet(lookups);
        return lookups;
    }

    private static HttpRequest postOrder(int item) {
        return Http.request(appPort, "/orders")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("item=" + item + "&qty=1"))
                .build();
    }

    /** How the shop asks each database to sleep (Shop#slowQuery), already free of literals. */
    private String sleepStatement() {
        return switch (database) {
            case H2 -> "CALL SLEEP(?)";
            case POSTGRESQL -> "SELECT pg_sleep(?)";
            case MARIADB, MYSQL -> "SELECT SLEEP(?)";
            case HSQLDB, SQLITE -> throw new IllegalStateException("the shop has no sleep on " + database);
        };
    }

    // --- reading the agent ---

    /** No N+1 series for {@code route}, and no n_plus_one line for it anywhere in the agent's log. */
    private static void assertNoNPlusOne(String route, Scrape scrape) {
        assertThat(scrape.samples(Contract.DB_N_PLUS_ONE, Map.of("http_route", route)))
                .as(scrape.lines(Contract.DB_N_PLUS_ONE)).isEmpty();
        List<JsonLogs.Event> logged = AgentEvents.since(app, 0, "n_plus_one").stream()
                .filter(e -> route.equals(e.field("http_route")))
                .toList();
        assertThat(logged).as("n_plus_one lines for " + route).isEmpty();
    }

    private static Map<String, String> route(String route) {
        return Map.of("http_route", route);
    }

    private static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    /** The cumulative count of requests with at most {@code le} statements. */
    private static double bucket(Scrape scrape, Map<String, String> route, double le) {
        return scrape.samples(PER_REQUEST_BUCKET, route).stream()
                .filter(s -> !s.label("le").endsWith("Inf") && Double.parseDouble(s.label("le")) == le)
                .mapToDouble(Scrape.Sample::value)
                .sum();
    }

    private static JsonNode statement(JsonNode statements, String text) {
        for (JsonNode s : statements) {
            if (text.equals(s.get("statement").asText())) {
                return s;
            }
        }
        return null;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
