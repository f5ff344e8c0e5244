package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.it.support.AgentEvents;
import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.JsonLogs;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Traceparent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The N+1 most teams actually have: Spring Data JPA loading each owner's lazy pets one statement at a
 * time ({@code apps/jpa-app}: Hibernate on H2 through Spring Boot's default HikariCP pool). The agent
 * reports it once per request, on the table Hibernate's statement reads, and stays quiet about the
 * join-fetch fix and a lookup by id; the pool is measured under the OpenTelemetry names.
 */
class JpaNPlusOneIT {

    private static final String PER_REQUEST_COUNT = Contract.DB_QUERIES_PER_REQUEST + "_count";
    private static final String PER_REQUEST_SUM = Contract.DB_QUERIES_PER_REQUEST + "_sum";
    private static final String WAIT_COUNT = Contract.POOL_WAIT + "_count";
    /** data.sql: 15 owners with 2 pets each. */
    private static final int OWNERS = 15;
    private static final int PETS_EACH = 2;
    /** HikariCP's (and so Spring Boot's) default maximumPoolSize; minimumIdle defaults to the same. */
    private static final int DEFAULT_POOL_SIZE = 10;
    /** The name HikariCP gives the first pool of a JVM when the application names none. */
    private static final String POOL_NAME = "HikariPool-1";
    private static final Pattern FROM_TABLE = Pattern.compile("\\bfrom\\s+([A-Za-z_][A-Za-z0-9_]*)", Pattern.CASE_INSENSITIVE);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AppProcess app;
    private static int appPort;
    private static int metricsPort;

    @BeforeAll
    static void startTheApp() {
        appPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = AppProcess.jar(Artifacts.appJar("jpa-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg("--server.port=" + appPort)
                .start();
        // Spring Boot opens the port once Hibernate has made the schema and data.sql has run.
        app.awaitHttp(appPort, "/owners/1", Duration.ofSeconds(90));
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopTheApp() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    @Test
    void lazyLoadingEachOwnersPetsIsOneNPlusOnePerRequest() {
        int requests = 3;
        Map<String, String> route = Map.of("http_route", "/owners/pets");
        Scrape before = Scrape.fetch(metricsPort);
        int mark = AgentEvents.mark(app);

        Set<String> traces = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            Traceparent caller = Traceparent.random();
            JsonNode owners = getJson("/owners/pets", caller);
            assertThat(owners.size()).as(owners.toString()).isEqualTo(OWNERS);
            owners.forEach(owner -> assertThat(owner.get("pets").asInt()).as(owner.toString()).isEqualTo(PETS_EACH));
            traces.add(caller.traceId());
        }

        Scrape after = Scrape.awaitValue(metricsPort, Contract.DB_N_PLUS_ONE, route,
                before.value(Contract.DB_N_PLUS_ONE, route) + requests);
        String shown = after.lines(Contract.DB_N_PLUS_ONE) + after.lines(Contract.DB_QUERIES_PER_REQUEST);
        assertThat(after.value(Contract.DB_N_PLUS_ONE, route) - before.value(Contract.DB_N_PLUS_ONE, route))
                .as(shown).isEqualTo(requests);
        assertThat(after.value(PER_REQUEST_SUM, route) - before.value(PER_REQUEST_SUM, route))
                .as("the owners, then each owner's pets" + shown).isEqualTo(requests * (1 + OWNERS));

        List<JsonLogs.Event> events = AgentEvents.await(app, mark, "n_plus_one", requests, WAIT);
        String logged = AgentEvents.describe(app, mark);
        assertThat(events).as("one n_plus_one line per request in the agent's log" + logged).hasSize(requests);
        for (JsonLogs.Event event : events) {
            assertThat(event.field("http_route")).as(event.toString()).isEqualTo("/owners/pets");
            assertThat(event.json().get("count").isIntegralNumber()).as(event.toString()).isTrue();
            assertThat(event.json().get("count").asInt()).as("one pets query per owner: " + event).isEqualTo(OWNERS);
            String statement = event.field("statement");
            Matcher from = FROM_TABLE.matcher(statement == null ? "" : statement);
            assertThat(from.find()).as("a statement reading a table: " + event).isTrue();
            String table = from.group(1);
            assertThat(table).as("Hibernate's default name for the Pet entity's table: " + event).isEqualTo("pet");
            assertThat(event.field("db_collection_name")).as("the table the statement reads: " + event).isEqualTo(table);
            assertThat(statement).as("no literal: the owner id is a parameter").endsWith("=?");
        }
        assertThat(events.stream().map(e -> e.field("trace_id")).collect(Collectors.toSet()))
                .as("each request once, with its own trace ID" + logged).isEqualTo(traces);
        assertThat(after.labelValues(Contract.DB_N_PLUS_ONE, "db_collection_name"))
                .as("the metric names the same table" + shown).containsExactly("pet");
    }

    @Test
    void theJoinFetchAndTheLookupByIdAreNoNPlusOne() {
        Map<String, String> fetched = Map.of("http_route", "/owners/pets-fetched");
        Map<String, String> byId = Map.of("http_route", "/owners/{id}");
        Scrape before = Scrape.fetch(metricsPort);
        int mark = AgentEvents.mark(app);

        for (int i = 0; i < 2; i++) {
            JsonNode owners = getJson("/owners/pets-fetched", Traceparent.random());
            assertThat(owners.size()).as(owners.toString()).isEqualTo(OWNERS);
            owners.forEach(owner -> assertThat(owner.get("pets").asInt()).as(owner.toString()).isEqualTo(PETS_EACH));
        }
        for (int id = 1; id <= OWNERS; id++) {
            JsonNode owner = getJson("/owners/" + id, Traceparent.random());
            assertThat(owner.get("id").asInt()).as(owner.toString()).isEqualTo(id);
        }

        Scrape after = Scrape.await(metricsPort,
                s -> s.value(PER_REQUEST_COUNT, fetched) >= before.value(PER_REQUEST_COUNT, fetched) + 2
                        && s.value(PER_REQUEST_COUNT, byId) >= before.value(PER_REQUEST_COUNT, byId) + OWNERS,
                WAIT);
        String shown = after.lines(Contract.DB_QUERIES_PER_REQUEST) + after.lines(Contract.DB_N_PLUS_ONE);
        assertThat(after.value(PER_REQUEST_COUNT, fetched) - before.value(PER_REQUEST_COUNT, fetched)).as(shown).isEqualTo(2);
        assertThat(after.value(PER_REQUEST_SUM, fetched) - before.value(PER_REQUEST_SUM, fetched))
                .as("one statement with a join fetch per request" + shown).isEqualTo(2);
        assertThat(after.value(PER_REQUEST_COUNT, byId) - before.value(PER_REQUEST_COUNT, byId)).as(shown).isEqualTo(OWNERS);
        assertThat(after.value(PER_REQUEST_SUM, byId) - before.value(PER_REQUEST_SUM, byId))
                .as("one statement per lookup" + shown).isEqualTo(OWNERS);
        assertThat(after.samples(Contract.DB_N_PLUS_ONE, fetched)).as(shown).isEmpty();
        assertThat(after.samples(Contract.DB_N_PLUS_ONE, byId)).as(shown).isEmpty();
        sleep(Scrape.SETTLE);
        assertThat(AgentEvents.since(app, mark, "n_plus_one")).as(AgentEvents.describe(app, mark)).isEmpty();
    }

    @Test
    void hikariPoolIsMeasured() {
        Map<String, String> pool = Map.of("db_client_connection_pool_name", POOL_NAME);
        Scrape before = Scrape.fetch(metricsPort);

        // Each request is one read-only transaction, so it takes exactly one connection from the pool.
        Map<Integer, Integer> lookups = Http.hammer(12, 4, i -> Http.request(appPort, "/owners/" + (1 + i % OWNERS)).GET().build());
        assertThat(lookups).isEqualTo(Map.of(200, 12));
        assertThat(Http.get(appPort, "/owners/pets").status()).isEqualTo(200);
        assertThat(Http.get(appPort, "/owners/pets-fetched").status()).isEqualTo(200);
        int dbRequests = 14;

        Scrape after = Scrape.awaitValue(metricsPort, WAIT_COUNT, pool, before.value(WAIT_COUNT, pool) + dbRequests);
        String shown = after.lines("db_client_connection");
        assertThat(after.value(WAIT_COUNT, pool) - before.value(WAIT_COUNT, pool))
                .as("one wait per connection taken, one connection per request" + shown).isEqualTo(dbRequests);
        assertThat(after.value(Contract.POOL_WAIT + "_sum", pool) - before.value(Contract.POOL_WAIT + "_sum", pool))
                .as(shown).isPositive();
        assertThat(after.labelValues(Contract.POOL_MAX, "db_client_connection_pool_name")).as(shown).containsExactly(POOL_NAME);
        assertThat(after.value(Contract.POOL_MAX, pool)).as("Spring Boot's default maximumPoolSize" + shown)
                .isEqualTo(DEFAULT_POOL_SIZE);
        assertThat(after.value(Contract.POOL_IDLE_MIN, pool)).as("minimumIdle defaults to maximumPoolSize" + shown)
                .isEqualTo(DEFAULT_POOL_SIZE);
        assertThat(after.samples(Contract.POOL_PENDING, pool)).as(shown).hasSize(1);
        assertThat(after.samples(Contract.POOL_CONNECTIONS, pool).stream().map(s -> s.label("db_client_connection_state")))
                .as(shown).containsExactlyInAnyOrder("used", "idle");

        // At rest: nothing in use, nobody waiting, and HikariCP keeps minimumIdle (= max) connections open.
        Map<String, String> used = withState(pool, "used");
        Map<String, String> idle = withState(pool, "idle");
        Scrape rest = Scrape.await(metricsPort,
                s -> s.value(Contract.POOL_CONNECTIONS, used) == 0 && s.value(Contract.POOL_CONNECTIONS, idle) == DEFAULT_POOL_SIZE,
                WAIT);
        String atRest = rest.lines("db_client_connection");
        assertThat(rest.value(Contract.POOL_CONNECTIONS, used)).as(atRest).isZero();
        assertThat(rest.value(Contract.POOL_CONNECTIONS, idle)).as(atRest).isEqualTo(DEFAULT_POOL_SIZE);
        assertThat(rest.value(Contract.POOL_PENDING, pool)).as(atRest).isZero();
    }

    private static Map<String, String> withState(Map<String, String> pool, String state) {
        Map<String, String> labels = new HashMap<>(pool);
        labels.put("db_client_connection_state", state);
        return labels;
    }

    private static JsonNode getJson(String path, Traceparent caller) {
        Http.Response response = Http.send(Http.request(appPort, path).header("traceparent", caller.header()).GET().build());
        assertThat(response.status()).as("GET " + path + ": " + response).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " answered no JSON: " + response, e);
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
