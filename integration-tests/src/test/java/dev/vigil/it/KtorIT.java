package dev.vigil.it;

import static dev.vigil.it.support.Contract.DB_QUERIES_PER_REQUEST;
import static dev.vigil.it.support.Contract.HTTP_COUNT;
import static dev.vigil.it.support.Contract.HTTP_SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.it.RouteContract.Served;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java -javaagent:vigil-agent.jar -jar ktor-app.jar PORT ENGINE}: one Ktor 3 application (Kotlin) on its
 * Netty engine and on its CIO engine, and the same application built against Ktor 2 ({@code ktor2-app}) on both.
 * Ktor runs each call in a coroutine of its engine pipeline; the request is timed to that coroutine's end, under the
 * template of the route Ktor matched (its method, header and other conditions are no part of the path), with the
 * exception the engine answered as a 500's {@code error_type}. The app answers {@link RouteContract}'s routes (its
 * 404 for an {@code IllegalArgumentException} is the StatusPages plugin's), and {@code GET /api/items/{itemId}}
 * under a header condition, {@code GET /slow/{millis}} that suspends before it answers, {@code GET /traced-later}
 * that logs on another thread after it suspended, {@code GET /orders/{id}/lines} that runs three JDBC statements
 * (H2) there.
 */
class KtorIT {
    private static final Map<String, Served> APPS = new LinkedHashMap<>();

    @BeforeAll
    static void startApps() {
        for (String app : new String[] {"ktor-app netty", "ktor-app cio", "ktor2-app netty", "ktor2-app cio"}) {
            String[] jarAndEngine = app.split(" ");
            APPS.put(app, Served.start(jarAndEngine[0], jarAndEngine[1]));
        }
        APPS.values().forEach(served -> served.awaitReady("ktor-app")); // one application, built for each Ktor
    }

    @AfterAll
    static void stopApps() {
        APPS.values().forEach(served -> served.app().close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ktor-app netty", "ktor-app cio", "ktor2-app netty", "ktor2-app cio"})
    void requestsAreCountedExactlyUnderTheRouteKtorMatched(String app) {
        RouteContract.countsEachRequestExactlyUnderItsTemplate(APPS.get(app), "/orders/{id}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ktor-app netty", "ktor-app cio", "ktor2-app netty", "ktor2-app cio"})
    void aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError(String app) {
        RouteContract.aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError(APPS.get(app), "/orders/{id}/invalid",
                "/missing/{name}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ktor-app netty", "ktor-app cio", "ktor2-app netty", "ktor2-app cio"})
    void aLogLineWrittenInARequestCarriesItsTraceId(String app) {
        RouteContract.aLogLineWrittenInARequestCarriesItsTraceId(APPS.get(app));
    }

    /**
     * A line the handler logs after its coroutine suspended ({@code delay}) and moved to another thread
     * ({@code withContext(Dispatchers.IO)}) carries the request's trace id too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ktor-app netty", "ktor-app cio", "ktor2-app netty", "ktor2-app cio"})
    void aLogLineWrittenAfterTheHandlerSuspendedCarriesItsTraceId(String app) {
        RouteContract.aLogLineWrittenInARequestCarriesItsTraceId(APPS.get(app), "/traced-later",
                "traced after suspending");
    }

    /**
     * A handler that suspends, then runs its three JDBC statements in {@code withContext(Dispatchers.IO)}: each
     * request's statements are counted to it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ktor-app netty", "ktor-app cio", "ktor2-app netty", "ktor2-app cio"})
    void statementsRunAfterTheHandlerSuspendedAreCountedToItsRequest(String app) {
        Served served = APPS.get(app);
        int n = 12;
        Map<String, String> route = Map.of("http_route", "/orders/{id}/lines");
        Scrape before = Scrape.fetch(served.metricsPort());

        Map<Integer, Integer> statuses = Http.hammer(n, 3,
                i -> Http.request(served.appPort(), "/orders/" + (i + 1) + "/lines").GET().build());

        assertThat(statuses).containsOnly(entry(200, n));
        Scrape after = Scrape.awaitValue(served.metricsPort(), DB_QUERIES_PER_REQUEST + "_count", route,
                before.value(DB_QUERIES_PER_REQUEST + "_count", route) + n);
        String sum = DB_QUERIES_PER_REQUEST + "_sum";
        assertThat(after.value(sum, route) - before.value(sum, route))
                .as("statements of %d requests%s", n, after.lines(DB_QUERIES_PER_REQUEST)).isEqualTo(3 * n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ktor-app netty", "ktor-app cio", "ktor2-app netty", "ktor2-app cio"})
    void theAgentReportsNoErrorOfItsOwn(String app) {
        RouteContract.theAgentReportsNoErrorOfItsOwn(APPS.get(app));
    }

    /** A route in {@code route("/api")} under a {@code header(...)} condition: the path alone is its template. */
    @ParameterizedTest
    @ValueSource(strings = {"ktor-app netty", "ktor-app cio", "ktor2-app netty", "ktor2-app cio"})
    void aNestedRouteUnderAConditionIsItsPath(String app) {
        Served served = APPS.get(app);
        Map<String, String> item = RouteContract.series("GET", "/api/items/{itemId}", "200", "");
        Scrape before = Scrape.fetch(served.metricsPort());

        Map<Integer, Integer> statuses = Http.hammer(9, 3, i -> Http.request(served.appPort(), "/api/items/" + i)
                .header("X-Version", "2").GET().build());

        assertThat(statuses).containsOnly(entry(200, 9));
        Scrape after = Scrape.awaitValue(served.metricsPort(), HTTP_COUNT, item, before.value(HTTP_COUNT, item) + 9);
        assertThat(RouteContract.delta(before, after, item)).as(after.lines(HTTP_COUNT)).isEqualTo(9);
        assertThat(after.labelValues(HTTP_COUNT, "http_route")).as("no condition in a route")
                .noneMatch(route -> route.contains("(") || route.contains("X-Version"));
    }

    /**
     * A handler that suspends (a 250 ms {@code delay}) before it answers is timed to its answer, not to where its
     * coroutine first suspended and the engine's call returned.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ktor-app netty", "ktor-app cio", "ktor2-app netty", "ktor2-app cio"})
    void aSuspendingHandlerIsTimedToItsAnswer(String app) {
        Served served = APPS.get(app);
        Map<String, String> slow = RouteContract.series("GET", "/slow/{millis}", "200", "");
        Scrape before = Scrape.fetch(served.metricsPort());

        Map<Integer, Integer> statuses = Http.hammer(4, 2,
                i -> Http.request(served.appPort(), "/slow/250").GET().build());

        assertThat(statuses).containsOnly(entry(200, 4));
        Scrape after = Scrape.awaitValue(served.metricsPort(), HTTP_COUNT, slow, before.value(HTTP_COUNT, slow) + 4);
        double seconds = after.value(HTTP_SUM, slow) - before.value(HTTP_SUM, slow);
        assertThat(seconds).as("4 requests of at least 250 ms each%s", after.lines(HTTP_SUM)).isBetween(1.0, 4 * 5.0);
    }
}
