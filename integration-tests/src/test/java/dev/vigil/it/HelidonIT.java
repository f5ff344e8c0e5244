package dev.vigil.it;

import static dev.vigil.it.support.Contract.HTTP_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.RouteContract.Served;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -javaagent:vigil-agent.jar -jar helidon-app.jar PORT}: Helidon SE 4 on its own web server, a virtual
 * thread per request. Measured around Helidon's routing, filters and error handling included; the route is the
 * pattern Helidon matched, a registered service's prefix included. The app answers {@link RouteContract}'s routes.
 * The same application on Helidon 4.2 ({@code helidon42-app}), which has no matched pattern to read, is timed too,
 * under its normalised paths.
 *
 * <p>Helidon 4 needs Java 21: on an older JDK the build has no helidon-app and these tests are skipped (CI runs them
 * in its pass on JDK 25).
 */
class HelidonIT {
    private static Served helidon;
    private static Served helidon42;

    @BeforeAll
    static void startApp() {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                "Helidon SE 4 needs Java 21; this JDK is " + Runtime.version() + " (CI runs HelidonIT on JDK 25)");
        helidon = Served.start("helidon-app");
        helidon42 = Served.start("helidon42-app");
        helidon.awaitReady("helidon-app");
        helidon42.awaitReady("helidon-app"); // the same application, built against Helidon 4.2
    }

    @AfterAll
    static void stopApp() {
        for (Served served : new Served[] {helidon, helidon42}) {
            if (served != null) {
                served.app().close();
            }
        }
    }

    @Test
    void requestsAreCountedExactlyUnderTheRouteHelidonMatched() {
        RouteContract.countsEachRequestExactlyUnderItsTemplate(helidon, "/orders/{id}");
    }

    @Test
    void aServicesRouteIsNamedUnderThePrefixItWasRegisteredWith() {
        Map<String, String> item = RouteContract.series("GET", "/api/items/{itemId}", "200", "");
        Scrape before = Scrape.fetch(helidon.metricsPort());

        for (int i = 0; i < 7; i++) {
            assertThat(Http.get(helidon.appPort(), "/api/items/item-" + i).status()).isEqualTo(200);
        }

        Scrape after = Scrape.awaitValue(helidon.metricsPort(), HTTP_COUNT, item, before.value(HTTP_COUNT, item) + 7);
        assertThat(RouteContract.delta(before, after, item)).as("GET /api/items/<id>%s", after.lines(HTTP_COUNT))
                .isEqualTo(7);
    }

    @Test
    void aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError() {
        RouteContract.aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError(helidon, "/orders/{id}/invalid",
                "/missing/{name}");
    }

    @Test
    void aLogLineWrittenInARequestCarriesItsTraceId() {
        RouteContract.aLogLineWrittenInARequestCarriesItsTraceId(helidon);
    }

    @Test
    void theAgentReportsNoErrorOfItsOwn() {
        RouteContract.theAgentReportsNoErrorOfItsOwn(helidon);
    }

    @Test
    void helidon42WithoutAMatchedPatternIsTimedUnderItsNormalisedPaths() {
        Map<String, String> order = RouteContract.series("GET", "/orders/{id}", "200", "");
        // A path no framework names becomes a route only once it has answered 2xx or 3xx: one that only fails is UNKNOWN.
        Map<String, String> failed = RouteContract.series("GET", "UNKNOWN", "500", "java.lang.IllegalStateException");
        Scrape before = Scrape.fetch(helidon42.metricsPort());

        for (int i = 0; i < 30; i++) {
            assertThat(Http.get(helidon42.appPort(), "/orders/" + (i + 1)).status()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(helidon42.appPort(), "/fail").status()).isEqualTo(500);
        }

        Scrape after = Scrape.awaitValue(helidon42.metricsPort(), HTTP_COUNT, Map.of(),
                before.value(HTTP_COUNT, Map.of()) + 33);
        assertThat(RouteContract.delta(before, after, order)).as("GET /orders/<id>%s", after.lines(HTTP_COUNT))
                .isEqualTo(30);
        assertThat(RouteContract.delta(before, after, failed)).as("GET /fail%s", after.lines(HTTP_COUNT)).isEqualTo(3);
        RouteContract.theAgentReportsNoErrorOfItsOwn(helidon42);
    }
}
