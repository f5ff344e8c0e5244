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
 *
 * <p>Helidon 4 needs Java 21: on an older JDK the build has no helidon-app and these tests are skipped (CI runs them
 * in its pass on JDK 25).
 */
class HelidonIT {
    private static Served helidon;

    @BeforeAll
    static void startApp() {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                "Helidon SE 4 needs Java 21; this JDK is " + Runtime.version() + " (CI runs HelidonIT on JDK 25)");
        helidon = Served.start("helidon-app").awaitReady("helidon-app");
    }

    @AfterAll
    static void stopApp() {
        if (helidon != null) {
            helidon.app().close();
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
}
