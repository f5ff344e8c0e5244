package dev.vigil.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Internet-facing services are scanned all day, and behind a login a random path answers 401 or 403, not
 * 404. A scan must create no route whatever it is answered, so that the routes the application really has,
 * first hit after the scan, are counted under their own names; and the scrape must stay small.
 */
class ScannerHardeningIT {

    /**
     * The README's bound for what a scan of 100,000 random URLs adds to the scrape: the HTTP histogram's
     * fixed values (NOT_FOUND and UNKNOWN, one series per status they answered, 54 lines each) and their
     * statements-per-request histograms; measured about 470 lines and 77 KB. Room is left for JVM series
     * that first appear meanwhile (a new GC cause).
     */
    private static final int MAX_LINES_ADDED_BY_SCAN = 1_000;
    private static final int MAX_BYTES_ADDED_BY_SCAN = 160 * 1024;

    private static final int SCAN = 100_000;
    private static final int THREADS = 8;
    /** Routes are capped low here, so a scan that took places would leave none for the real routes. */
    private static final int MAX_ROUTES = 20;

    @Test
    void aScanAnswered401403500And404CreatesNoRouteAndTheRealRoutesFirstHitAfterwardsKeepTheirNames() {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HardeningApp.onPorts(appPort, AppProcess.freePort())
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.http.max-routes", MAX_ROUTES)
                .start()) {
            HardeningApp.awaitReady(app, appPort);
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
            Scrape before = Scrape.fetch(metricsPort);
            // The app's own count of what it served: the JDK client now and then resends a GET whose keep-alive
            // connection broke under it, and the app serves (and the agent counts) it twice.
            long servedBefore = served(appPort);

            Map<Integer, Integer> statuses = Http.hammer(SCAN, THREADS, i -> scan(appPort, i));
            long served = served(appPort) - servedBefore;
            int noResponse = statuses.getOrDefault(Http.NO_RESPONSE, 0);
            assertThat(noResponse).as("requests without any answer: " + statuses).isLessThanOrEqualTo(5);
            assertThat(statuses.keySet()).isSubsetOf(401, 403, 404, 500, Http.NO_RESPONSE);

            // Never seen before the scan (but /served): a path that answers 200, and one with an id in it.
            assertThat(Http.hammer(25, 4, i -> Http.request(appPort, "/nplus1").GET().build())).isEqualTo(Map.of(200, 25));
            assertThat(Http.hammer(25, 4, i -> Http.request(appPort, "/reports/" + (i + 1) + "/pdf").GET().build()))
                    .isEqualTo(Map.of(200, 25));

            Scrape after = Scrape.awaitValue(metricsPort, Contract.HTTP_COUNT, Map.of("http_route", "/reports/{id}/pdf"), 25);
            Set<String> routes = after.labelValues(Contract.HTTP_COUNT, "http_route");
            long addedLines = after.text().lines().count() - before.text().lines().count();
            long addedBytes = bytes(after) - bytes(before);
            String measured = "the scan added " + addedLines + " lines, " + addedBytes + " bytes to the scrape ("
                    + after.text().lines().count() + " lines, " + bytes(after) + " bytes in all); routes " + routes
                    + "; by status " + byStatus(after);
            System.out.println("ScannerHardeningIT: " + measured);
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(after.value(Contract.HTTP_COUNT, Map.of("http_route", "/nplus1"))).as(measured).isEqualTo(25);
                softly.assertThat(after.value(Contract.HTTP_COUNT, Map.of("http_route", "/reports/{id}/pdf"))).as(measured)
                        .isEqualTo(25);
                softly.assertThat(routes).as("the scan's answers share two fixed values").containsExactlyInAnyOrder(
                        "UNKNOWN", "NOT_FOUND", "/served", "/nplus1", "/reports/{id}/pdf");
                softly.assertThat(after.value(Contract.HTTP_COUNT, Map.of("http_route", "UNKNOWN"))
                        + after.value(Contract.HTTP_COUNT, Map.of("http_route", "NOT_FOUND")))
                        .as("every answer of the scan the app served counted once; " + measured).isEqualTo((double) served);
                softly.assertThat(served).as("served for " + SCAN + " sent").isBetween((long) SCAN - noResponse, SCAN + 10L);
                softly.assertThat(addedLines).as(measured).isLessThan(MAX_LINES_ADDED_BY_SCAN);
                softly.assertThat(addedBytes).as(measured).isLessThan(MAX_BYTES_ADDED_BY_SCAN);
            });
        }
    }

    /**
     * Spring MVC behind Spring Security: a scan of {@code /secure/...} is answered 401 before any route
     * matches; the controller's template, first hit afterwards, is counted under its own name.
     */
    @Test
    void aSpringMvcTemplateBehindSpringSecurityFirstHitAfterAScanKeepsItsName() {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = AppProcess.jar(Artifacts.appJar("spring-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.http.max-routes", MAX_ROUTES)
                .arg("--server.port=" + appPort)
                .start()) {
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(90));
            app.awaitHttp(appPort, "/sleep/0", Duration.ofSeconds(90));

            int scan = 3_000;
            Map<Integer, Integer> statuses = Http.hammer(scan, THREADS,
                    i -> Http.request(appPort, "/secure/" + word(new Random(i)) + "/" + i + "/z" + i).GET().build());
            assertThat(statuses).isEqualTo(Map.of(401, scan));

            String credentials = "Basic " + Base64.getEncoder().encodeToString("ops:ops-password".getBytes(StandardCharsets.UTF_8));
            Map<Integer, Integer> orders = Http.hammer(40, 4, i -> Http.request(appPort, "/secure/orders/" + (i + 1))
                    .header("Authorization", credentials).GET().build());
            assertThat(orders).isEqualTo(Map.of(200, 40));

            Map<String, String> template = Map.of("http_route", "/secure/orders/{orderId}", "http_response_status_code", "200");
            Scrape after = Scrape.awaitValue(metricsPort, Contract.HTTP_COUNT, template, 40);
            Set<String> routes = after.labelValues(Contract.HTTP_COUNT, "http_route");
            assertThat(after.value(Contract.HTTP_COUNT, template)).as(routes.toString()).isEqualTo(40);
            assertThat(after.value(Contract.HTTP_COUNT, Map.of("http_route", "UNKNOWN", "http_response_status_code", "401")))
                    .as(routes.toString()).isEqualTo(scan);
            assertThat(routes).as("no route made of the scan").doesNotContain("_OTHER")
                    .allMatch(route -> !route.contains("/z"));
            assertThat(after.text()).as("the credentials never reach a label").doesNotContain("ops-password");
        }
    }

    /** Request {@code i} of the scan: behind a login (401), forbidden (403), broken (500) or missing (404). */
    private static HttpRequest scan(int port, int i) {
        Random random = new Random(31L * i + 7);
        String[] fronts = {"/guarded", "/forbidden", "/broken/users", "/missing"};
        String path = fronts[i % fronts.length] + "/" + word(random) + "/" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36)
                + "/z" + random.nextInt(1_000);
        return Http.request(port, path).GET().build();
    }

    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        int length = 3 + random.nextInt(8);
        while (word.length() < length) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private static long served(int appPort) {
        return Long.parseLong(Http.get(appPort, "/served").body().strip());
    }

    private static long bytes(Scrape scrape) {
        return scrape.text().getBytes(StandardCharsets.UTF_8).length;
    }

    private static Map<String, Double> byStatus(Scrape scrape) {
        Map<String, Double> counted = new TreeMap<>();
        for (Scrape.Sample sample : scrape.samples(Contract.HTTP_COUNT, Map.of())) {
            counted.merge(sample.label("http_route") + " " + sample.label("http_response_status_code"), sample.value(),
                    Double::sum);
        }
        return counted;
    }
}
