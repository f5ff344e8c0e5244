package dev.vigil.it;

import dev.vigil.it.RouteContract.Served;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java -javaagent:vigil-agent.jar -jar jooby-app.jar PORT SERVER}: one Jooby 3 application on its Netty and
 * Undertow servers (the request starts where Jooby's router runs it and ends when Jooby has sent the response, its
 * handlers on Jooby's worker threads) and on its Jetty server (Jooby's servlet, timed by the servlet instrumentation). The route
 * is the pattern Jooby matched, a route with path variables or without, and the exception its error handler answered
 * names a 5xx. The app answers {@link RouteContract}'s routes.
 */
class JoobyIT {
    private static final Map<String, Served> APPS = new LinkedHashMap<>();

    @BeforeAll
    static void startApps() {
        for (String server : new String[] {"netty", "undertow", "jetty"}) {
            APPS.put(server, Served.start("jooby-app", server));
        }
        APPS.values().forEach(served -> served.awaitReady("jooby-app"));
    }

    @AfterAll
    static void stopApps() {
        APPS.values().forEach(served -> served.app().close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty", "undertow", "jetty"})
    void requestsAreCountedExactlyUnderTheRouteJoobyMatched(String server) {
        RouteContract.countsEachRequestExactlyUnderItsTemplate(APPS.get(server), "/orders/{id}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty", "undertow", "jetty"})
    void aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError(String server) {
        RouteContract.aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError(APPS.get(server), "/orders/{id}/invalid",
                "/missing/{name}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty", "undertow", "jetty"})
    void aLogLineWrittenInARequestCarriesItsTraceId(String server) {
        RouteContract.aLogLineWrittenInARequestCarriesItsTraceId(APPS.get(server));
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty", "undertow", "jetty"})
    void theAgentReportsNoErrorOfItsOwn(String server) {
        RouteContract.theAgentReportsNoErrorOfItsOwn(APPS.get(server));
    }
}
