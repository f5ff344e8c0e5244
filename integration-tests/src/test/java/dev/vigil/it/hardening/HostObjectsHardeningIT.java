package dev.vigil.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's advice runs inside the application's own objects, and those may fail it: a JDBC
 * connection and statements the app implemented itself whose every other method throws (toString,
 * hashCode, equals, getMetaData, getConnection), an exception that throws when asked for its cause,
 * an HttpExchange of another HttpServer implementation whose headers, URI, method or status are not
 * there, a thread pool that looks at its own tasks. Every request still gets the app's own answer; the
 * agent counts what it can, and says what it could not in one line per component, not one per request.
 */
class HostObjectsHardeningIT {
    private static final String HOSTILE_ROUTES = "/hostile/fine,/hostile/headers,/hostile/header-values,/hostile/uri,"
            + "/hostile/method,/hostile/status,/hostile/everything,/hostile/throwing-handler";

    private static final String AGENT_ERRORS = "vigil_agent_errors_total";
    private static final int REQUESTS = 40;

    private static AppProcess app;
    private static int appPort;
    private static int plainPort;
    private static int metricsPort;

    @BeforeAll
    static void startTheApp() {
        appPort = AppProcess.freePort();
        plainPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = HardeningApp.onPorts(appPort, plainPort).withAgent().sysProp("vigil.metrics.port", metricsPort)
                // The hand-written server's exchange has no context to read a route from, and its handler answers
                // 418 or 500, never 2xx: its paths are routes only because the user declares them.
                .sysProp("vigil.http.routes", HOSTILE_ROUTES)
                .start();
        HardeningApp.awaitReady(app, appPort);
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopTheApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void jdbcObjectsOfTheAppThatThrowNeverFailItsRequests() {
        Map<String, String> hostileDriver = Map.of("db_system_name", "other_sql");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(REQUESTS, 4, i -> Http.request(appPort, "/jdbc/hostile").GET().build());

        assertThat(statuses).as(app.logTail()).isEqualTo(Map.of(200, REQUESTS));
        assertThat(Http.get(appPort, "/jdbc/hostile").body()).isEqualTo("statements=5 failed=1");
        int requests = REQUESTS + 1;
        Map<String, String> fine = Map.of("db_system_name", "other_sql", "error_type", "");
        Scrape after = Scrape.awaitValue(metricsPort, Contract.DB_COUNT, fine, before.value(Contract.DB_COUNT, fine) + 5 * requests);
        String shown = after.lines(Contract.DB_COUNT) + after.lines(AGENT_ERRORS);
        // execute, executeQuery, executeUpdate, one batch, a prepared executeQuery: none of them needs the
        // statement's toString, hashCode, equals or getConnection, nor the connection's getMetaData.
        assertThat(delta(before, after, Contract.DB_COUNT, fine)).as(shown).isEqualTo(5 * requests);
        assertThat(delta(before, after, Contract.DB_COUNT, Map.of("db_system_name", "other_sql", "db_operation_name", "BATCH INSERT")))
                .as(shown).isEqualTo(requests);
        // The failing execution's exception throws from getCause(): it is counted under its class, or, if the
        // agent could not look at it, as an agent error. Either way once, and never thrown at the app.
        double failedCounted = after.value(Contract.DB_COUNT, hostileDriver) - after.value(Contract.DB_COUNT, fine)
                - (before.value(Contract.DB_COUNT, hostileDriver) - before.value(Contract.DB_COUNT, fine));
        double agentErrors = delta(before, after, AGENT_ERRORS, Map.of("component", "jdbc"));
        assertThat(failedCounted + agentErrors).as(shown).isEqualTo(requests);
        assertOneLinePerComponent();
    }

    @Test
    void handlersServedByAnotherHttpServerImplementationAlwaysAnswer() {
        Scrape before = Scrape.fetch(metricsPort);

        for (String mode : List.of("fine", "headers", "header-values", "uri", "method", "status", "everything")) {
            Map<Integer, Integer> statuses = Http.hammer(REQUESTS, 4, i -> Http.request(plainPort, "/hostile/" + mode).GET().build());
            assertThat(statuses).as(mode + "\n" + app.logTail()).isEqualTo(Map.of(418, REQUESTS));
        }
        Map<Integer, Integer> thrown = Http.hammer(REQUESTS, 4,
                i -> Http.request(plainPort, "/hostile/throwing-handler").GET().build());
        assertThat(thrown).as("the plain server's own error page\n" + app.logTail()).isEqualTo(Map.of(500, REQUESTS));

        Map<String, String> fine = Map.of("http_route", "/hostile/fine", "http_response_status_code", "418");
        Scrape after = Scrape.awaitValue(metricsPort, Contract.HTTP_COUNT, fine, before.value(Contract.HTTP_COUNT, fine) + REQUESTS);
        String shown = after.lines(Contract.HTTP_COUNT + "{") + after.lines(AGENT_ERRORS);
        assertThat(delta(before, after, Contract.HTTP_COUNT, fine)).as(shown).isEqualTo(REQUESTS);
        // With no headers, URI or method to read, a request may go uncounted; it is never counted twice.
        for (String mode : List.of("headers", "header-values", "uri", "method", "status", "everything")) {
            assertThat(delta(before, after, Contract.HTTP_COUNT, Map.of("http_route", "/hostile/" + mode)))
                    .as(mode + shown).isLessThanOrEqualTo(REQUESTS);
        }
        // The thrown exception throws from getCause(): counted under its class, or as an agent error.
        double throwingCounted = delta(before, after, Contract.HTTP_COUNT, Map.of("http_route", "/hostile/throwing-handler"));
        double agentErrors = delta(before, after, AGENT_ERRORS, Map.of("component", "http"));
        assertThat(throwingCounted + agentErrors).as(shown).isEqualTo(REQUESTS);
        assertThat(Http.get(appPort, "/ok").status()).as("the app's own server still serves").isEqualTo(200);
        assertOneLinePerComponent();
    }

    /**
     * A pool whose queue orders its tasks by priority (PriorityBlockingQueue) and whose afterExecute books
     * them: both need the very Runnable the app passed to execute(). Without the agent: 200, in priority order.
     */
    @Test
    void aPriorityThreadPoolGetsTheTasksItWasGiven() {
        int port = AppProcess.freePort();
        try (AppProcess alone = HardeningApp.onPorts(port, AppProcess.freePort()).start()) {
            HardeningApp.awaitReady(alone, port);
            Http.Response withoutAgent = Http.get(port, "/prio");
            assertThat(withoutAgent.status() + " " + withoutAgent.body()).as("without the agent").isEqualTo("200 ran [0, 1, 2, 3, 4]");
        }

        for (int i = 0; i < 5; i++) {
            Http.Response underAgent = Http.get(appPort, "/prio");
            assertThat(underAgent.status() + " " + underAgent.body()).as("under the agent, try " + i + "\n" + app.logTail())
                    .isEqualTo("200 ran [0, 1, 2, 3, 4]");
        }
    }

    /** Whatever failed inside the agent was logged once per component, never per request. */
    private static void assertOneLinePerComponent() {
        List<String> errorLines = app.stderr().lines().filter(line -> line.contains("instrumentation error in")).toList();
        for (String component : List.of("http", "jdbc")) {
            assertThat(errorLines.stream().filter(line -> line.contains("instrumentation error in " + component)))
                    .as(component + "\n" + app.logTail()).hasSizeLessThanOrEqualTo(1);
        }
        assertThat(errorLines).as(app.logTail()).hasSizeLessThanOrEqualTo(4);
        assertThat(app.isAlive()).isTrue();
    }

    private static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
