package dev.vigil.it;

import static dev.vigil.it.support.Contract.DB_COUNT;
import static dev.vigil.it.support.Contract.HTTP_COUNT;
import static dev.vigil.it.support.Contract.HTTP_SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;

/**
 * {@code java -javaagent:vigil-agent.jar -jar spring-app.jar}: Spring Boot's executable jar (its own
 * launcher class loader), Spring MVC on embedded Tomcat, JdbcTemplate on H2. The same sources on Spring Boot 4
 * (Tomcat 11, Spring Framework 7) and on Spring Boot 3.5 ({@code spring3-app}: Tomcat 10.1, Spring Framework 6.2).
 *
 * <p>One application per release serves every test; each test measures the change its own requests made.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"spring-app", "spring3-app"})
class SpringBootTomcatIT {

    private static final Map<String, String> OWNERS_OK = Map.of(
            "http_route", "/owners/{ownerId}",
            "http_request_method", "GET",
            "http_response_status_code", "200",
            "error_type", "");

    private static final Map<String, String> SELECT_OWNERS = Map.of(
            "db_system_name", "h2",
            "db_operation_name", "SELECT",
            "db_collection_name", "owners",
            "error_type", "");

    private static AppProcess app;
    private static int appPort;
    private static int metricsPort;

    @Parameter
    String appName;

    @BeforeParameterizedClassInvocation
    static void startApp(String appName) {
        appPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = AppProcess.jar(Artifacts.appJar(appName))
                .name("SpringBootTomcatIT-" + appName)
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg("--server.port=" + appPort)
                .start();
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(90));
        // Any answer will do; /sleep/0 is a route no test counts.
        app.awaitHttp(appPort, "/sleep/0", Duration.ofSeconds(90));
    }

    @AfterParameterizedClassInvocation
    static void stopApp() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    @Test
    void countsEachRequestExactlyOnceUnderConcurrency() {
        Scrape before = Scrape.settled(metricsPort, HTTP_COUNT);

        Map<Integer, Integer> statuses = Http.hammer(300, 8,
                i -> Http.request(appPort, "/owners/" + ThreadLocalRandom.current().nextInt(1, 6)).GET().build());

        assertThat(statuses).containsExactly(entry(200, 300));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, OWNERS_OK, before.value(HTTP_COUNT, OWNERS_OK) + 300);
        assertThat(after.value(HTTP_COUNT, OWNERS_OK) - before.value(HTTP_COUNT, OWNERS_OK))
                .as("requests counted under /owners/{ownerId} 200%s", after.lines(HTTP_COUNT))
                .isEqualTo(300);
        // Nothing else moved: no second series (a raw path, /error, another status) for the same requests.
        assertThat(after.value(HTTP_COUNT, Map.of()) - before.value(HTTP_COUNT, Map.of()))
                .as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(300);
    }

    /**
     * Spring's matched pattern leaves out the context path and a prefix-mapped DispatcherServlet: the route
     * is the path clients call, {@code /shop/api/owners/{ownerId}}. (A second JVM: the path is fixed at start.)
     */
    @Test
    void theContextPathAndServletPathPrefixTheRoute() {
        int prefixedPort = AppProcess.freePort();
        int prefixedMetricsPort = AppProcess.freePort();
        try (AppProcess prefixed = AppProcess.jar(Artifacts.appJar(appName))
                .withAgent()
                .sysProp("vigil.metrics.port", prefixedMetricsPort)
                .arg("--server.port=" + prefixedPort)
                .arg("--server.servlet.context-path=/shop")
                .arg("--spring.mvc.servlet.path=/api")
                .start()) {
            prefixed.awaitHttp(prefixedMetricsPort, "/metrics", Duration.ofSeconds(90));
            prefixed.awaitHttp(prefixedPort, "/shop/api/sleep/0", Duration.ofSeconds(90));
            Map<String, String> owners = Map.of("http_route", "/shop/api/owners/{ownerId}", "http_response_status_code", "200");

            for (int i = 1; i <= 5; i++) {
                assertThat(Http.get(prefixedPort, "/shop/api/owners/" + i).status()).isEqualTo(200);
            }

            Scrape after = Scrape.awaitValue(prefixedMetricsPort, HTTP_COUNT, owners, 5);
            assertThat(after.value(HTTP_COUNT, owners)).as("%s", after.lines(HTTP_COUNT)).isEqualTo(5);
            assertThat(after.labelValues(HTTP_COUNT, "http_route")).as("no route without its prefix")
                    .noneMatch(route -> route.startsWith("/owners"));
        }
    }

    @Test
    void anExceptionIsA500WithItsType() {
        Map<String, String> boom = Map.of(
                "http_route", "/boom",
                "http_request_method", "GET",
                "http_response_status_code", "500",
                "error_type", "java.lang.IllegalStateException");
        Scrape before = Scrape.settled(metricsPort, HTTP_COUNT);

        Map<Integer, Integer> statuses = Http.hammer(5, 2, i -> Http.request(appPort, "/boom").GET().build());

        assertThat(statuses).containsExactly(entry(500, 5));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, boom, before.value(HTTP_COUNT, boom) + 5);
        assertThat(after.value(HTTP_COUNT, boom) - before.value(HTTP_COUNT, boom))
                .as("/boom counted as 500 with its exception type%s", after.lines(HTTP_COUNT))
                .isEqualTo(5);
        // Tomcat forwards to Spring Boot's /error page to render the 500: that is the same request.
        assertThat(after.labelValues(HTTP_COUNT, "http_route"))
                .as("routes on /metrics%s", after.lines(HTTP_COUNT))
                .doesNotContain("/error");
        assertThat(after.value(HTTP_COUNT, Map.of()) - before.value(HTTP_COUNT, Map.of()))
                .as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(5);
    }

    @Test
    void asyncRequestsAreTimedToCompletion() {
        int n = 20;
        Map<String, String> async = Map.of(
                "http_route", "/async/{id}",
                "http_request_method", "GET",
                "http_response_status_code", "200",
                "error_type", "");
        Scrape before = Scrape.settled(metricsPort, HTTP_COUNT);

        Map<Integer, Integer> statuses = Http.hammer(n, 4, i -> Http.request(appPort, "/async/" + i).GET().build());

        assertThat(statuses).containsExactly(entry(200, n));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, async, before.value(HTTP_COUNT, async) + n);
        assertThat(after.value(HTTP_COUNT, async) - before.value(HTTP_COUNT, async))
                .as("async requests counted once each%s", after.lines(HTTP_COUNT))
                .isEqualTo(n);
        // Each completes ~50 ms after the servlet thread let go: timing stops at completion, not at return.
        assertThat(after.value(HTTP_SUM, async) - before.value(HTTP_SUM, async))
                .as("seconds recorded for %d async requests of >= 50 ms each%s", n, after.lines(HTTP_SUM))
                .isGreaterThanOrEqualTo(n * 0.05);
        assertThat(after.value(HTTP_COUNT, Map.of()) - before.value(HTTP_COUNT, Map.of()))
                .as("all HTTP server requests counted%s", after.lines(HTTP_COUNT))
                .isEqualTo(n);
    }

    @Test
    void statusCodesAreRecorded() {
        Map<String, String> notFound = Map.of(
                "http_route", "/status/{code}",
                "http_request_method", "GET",
                "http_response_status_code", "404",
                "error_type", "");
        Map<String, String> unavailable = Map.of(
                "http_route", "/status/{code}",
                "http_request_method", "GET",
                "http_response_status_code", "503",
                "error_type", "503");
        Scrape before = Scrape.fetch(metricsPort);

        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(appPort, "/status/404").status()).isEqualTo(404);
        }
        assertThat(Http.get(appPort, "/status/503").status()).isEqualTo(503);

        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, unavailable, before.value(HTTP_COUNT, unavailable) + 1);
        assertThat(after.value(HTTP_COUNT, notFound) - before.value(HTTP_COUNT, notFound))
                .as("a handler's 404 keeps its Spring route and no error_type%s", after.lines(HTTP_COUNT))
                .isEqualTo(3);
        assertThat(after.value(HTTP_COUNT, unavailable) - before.value(HTTP_COUNT, unavailable))
                .as("a 503 without exception has error_type \"503\"%s", after.lines(HTTP_COUNT))
                .isEqualTo(1);
    }

    @Test
    void jdbcQueriesAreCountedOnce() {
        int reads = 60;
        int orders = 7;
        Map<String, String> insertOrders = Map.of(
                "db_system_name", "h2",
                "db_operation_name", "INSERT",
                "db_collection_name", "orders",
                "error_type", "");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(reads, 4,
                i -> Http.request(appPort, "/owners/" + (1 + i % 5)).GET().build());
        for (int i = 0; i < orders; i++) {
            assertThat(Http.post(appPort, "/orders", "item-" + i).status()).isEqualTo(201);
        }

        assertThat(statuses).containsExactly(entry(200, reads));
        Scrape after = Scrape.awaitValue(metricsPort, DB_COUNT, insertOrders, before.value(DB_COUNT, insertOrders) + orders);
        assertThat(after.value(DB_COUNT, SELECT_OWNERS) - before.value(DB_COUNT, SELECT_OWNERS))
                .as("one SELECT on owners per /owners request%s", after.lines(DB_COUNT))
                .isEqualTo(reads);
        assertThat(after.value(DB_COUNT, insertOrders) - before.value(DB_COUNT, insertOrders))
                .as("one INSERT into orders per POST /orders%s", after.lines(DB_COUNT))
                .isEqualTo(orders);
        assertThat(after.value(HTTP_COUNT, OWNERS_OK) - before.value(HTTP_COUNT, OWNERS_OK))
                .as("the /owners requests themselves%s", after.lines(HTTP_COUNT))
                .isEqualTo(reads);
    }

    @Test
    void noQueryStringReachesTheMetrics() {
        Scrape before = Scrape.fetch(metricsPort);

        assertThat(Http.get(appPort, "/owners/1?password=hunter2").status()).isEqualTo(200);

        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, OWNERS_OK, before.value(HTTP_COUNT, OWNERS_OK) + 1);
        assertThat(after.value(HTTP_COUNT, OWNERS_OK) - before.value(HTTP_COUNT, OWNERS_OK))
                .as("the request with a query string, under its route%s", after.lines(HTTP_COUNT))
                .isEqualTo(1);
        assertThat(after.text()).doesNotContain("hunter2");
        assertThat(app.stdout()).doesNotContain("hunter2");
        assertThat(app.stderr()).doesNotContain("hunter2");
    }

    @Test
    void jvmMetricsArePresent() {
        Scrape scrape = Scrape.fetch(metricsPort);

        assertThat(scrape.series("jvm_memory_used_bytes"))
                .as("JVM memory from Micrometer's binders")
                .isNotEmpty();
        assertThat(scrape.value("jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
    }

    @Test
    void everySeriesCarriesAServiceName() {
        Scrape scrape = Scrape.fetch(metricsPort);

        assertThat(scrape.samples())
                .as("samples without service_name")
                .filteredOn(s -> s.label("service_name").isEmpty())
                .isEmpty();
    }
}
