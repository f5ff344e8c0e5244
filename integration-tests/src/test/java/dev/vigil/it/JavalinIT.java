package dev.vigil.it;

import dev.vigil.it.RouteContract.Served;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java -javaagent:vigil-agent.jar -jar javalin-app.jar PORT}, and the same application on Javalin 6
 * ({@code javalin6-app}): Javalin on its Jetty server, timed by the servlet instrumentation; the route is the path of
 * the HTTP endpoint Javalin matched (the before-handler on {@code /orders/*} does not take its place), and the
 * exception Javalin answered names a 5xx. Both apps answer {@link RouteContract}'s routes.
 */
class JavalinIT {
    private static final Map<String, Served> APPS = new LinkedHashMap<>();

    @BeforeAll
    static void startApps() {
        for (String name : new String[] {"javalin-app", "javalin6-app"}) {
            APPS.put(name, Served.start(name));
        }
        APPS.forEach((name, served) -> served.awaitReady(name));
    }

    @AfterAll
    static void stopApps() {
        APPS.values().forEach(served -> served.app().close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"javalin-app", "javalin6-app"})
    void requestsAreCountedExactlyUnderTheRouteJavalinMatched(String app) {
        RouteContract.countsEachRequestExactlyUnderItsTemplate(APPS.get(app), "/orders/{id}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javalin-app", "javalin6-app"})
    void aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError(String app) {
        RouteContract.aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError(APPS.get(app), "/orders/{id}/invalid",
                "/missing/{name}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javalin-app", "javalin6-app"})
    void aLogLineWrittenInARequestCarriesItsTraceId(String app) {
        RouteContract.aLogLineWrittenInARequestCarriesItsTraceId(APPS.get(app));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javalin-app", "javalin6-app"})
    void theAgentReportsNoErrorOfItsOwn(String app) {
        RouteContract.theAgentReportsNoErrorOfItsOwn(APPS.get(app));
    }
}
