package dev.vigil.it;

import dev.vigil.it.RouteContract.Served;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -javaagent:vigil-agent.jar -jar spark-app.jar PORT}: Spark Java 2 on its embedded Jetty 9, timed by the
 * servlet instrumentation; the route is the path of the route Spark found, as declared ({@code /orders/:id}; the
 * before-filter on {@code /orders/*} does not take its place), and the exception Spark answered names a 5xx. The app
 * answers {@link RouteContract}'s routes.
 */
class SparkIT {
    private static Served spark;

    @BeforeAll
    static void startApp() {
        spark = Served.start("spark-app").awaitReady("spark-app");
    }

    @AfterAll
    static void stopApp() {
        if (spark != null) {
            spark.app().close();
        }
    }

    @Test
    void requestsAreCountedExactlyUnderTheRouteSparkFound() {
        RouteContract.countsEachRequestExactlyUnderItsTemplate(spark, "/orders/:id");
    }

    @Test
    void aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError() {
        RouteContract.aHandlersExceptionIsA500WithItsTypeWhileA4xxIsNoError(spark, "/orders/:id/invalid", "/missing/:name");
    }

    @Test
    void aLogLineWrittenInARequestCarriesItsTraceId() {
        RouteContract.aLogLineWrittenInARequestCarriesItsTraceId(spark);
    }

    @Test
    void theAgentReportsNoErrorOfItsOwn() {
        RouteContract.theAgentReportsNoErrorOfItsOwn(spark);
    }
}
