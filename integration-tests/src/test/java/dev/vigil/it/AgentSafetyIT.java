package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever goes wrong on the agent's side, the application keeps serving, and the agent says what
 * went wrong in one line that names the key, file and line. The example shop on H2, one JVM per test.
 */
class AgentSafetyIT {

    private static final String COUNT = "http_server_request_duration_seconds_count";
    private static final Duration LOG_WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void aTakenMetricsPortLeavesTheAppRunning() throws IOException {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (ServerSocket squatter = new ServerSocket(metricsPort, 50, InetAddress.getLoopbackAddress());
             AppProcess app = HttpServerExample.onPort(appPort)
                     .withAgent()
                     .sysProp("vigil.metrics.port", metricsPort)
                     .start()) {
            HttpServerExample.awaitReady(app, appPort);

            assertServes(app, appPort);
            app.awaitOutput("already in use", LOG_WAIT);
            assertThat(linesWithAll(app.stderr(), "vigil.metrics.port", "already in use"))
                    .as(app.logTail())
                    .hasSize(1)
                    .allMatch(line -> line.startsWith("{"), "is a JSON event");
        }
    }

    @Test
    void aBadConfigValueNamesTheKeyAndLine() throws IOException {
        Path config = Files.writeString(dir.resolve("vigil.yaml"), "metrics:\n  port: not-a-port\n");
        int appPort = AppProcess.freePort();
        try (AppProcess app = HttpServerExample.onPort(appPort)
                .withAgent()
                .sysProp("vigil.config", config)
                .start()) {
            HttpServerExample.awaitReady(app, appPort);

            assertServes(app, appPort);
            app.awaitOutput("vigil.metrics.port", LOG_WAIT);
            assertThat(linesWithAll(app.stderr(), "vigil.metrics.port", config.toString(), "line 2"))
                    .as(app.logTail())
                    .hasSize(1);
        }
    }

    @Test
    void aBrokenYamlFileNamesItsLine() throws IOException {
        // A tab for indentation on line 4: the YAML mistake everyone makes once.
        Path config = Files.writeString(dir.resolve("vigil.yaml"),
                "metrics:\n  host: 127.0.0.1\nhttp:\n\tmax-routes: 50\n");
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HttpServerExample.onPort(appPort)
                .withAgent()
                .sysProp("vigil.config", config)
                .sysProp("vigil.metrics.port", metricsPort)
                .start()) {
            HttpServerExample.awaitReady(app, appPort);

            assertServes(app, appPort);
            app.awaitOutput(config.toString(), LOG_WAIT);
            assertThat(linesWithAll(app.stderr(), config.toString(), "line 4"))
                    .as(app.logTail())
                    .hasSize(1);
            assertMetricsServed(app, metricsPort);
        }
    }

    @Test
    void anUnknownKeyIsWarnedAbout() {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HttpServerExample.onPort(appPort)
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.metrcs.port", 1)
                .start()) {
            HttpServerExample.awaitReady(app, appPort);

            assertServes(app, appPort);
            app.awaitOutput("vigil.metrcs.port", LOG_WAIT);
            assertThat(linesWithAll(app.stderr(), "vigil.metrcs.port"))
                    .as(app.logTail())
                    .hasSize(1)
                    .allMatch(line -> line.contains("vigil.metrics.port"), "suggests vigil.metrics.port");
            assertMetricsServed(app, metricsPort);
        }
    }

    @Test
    void theAgentCanBeDisabled() {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HttpServerExample.onPort(appPort)
                .withAgent()
                .sysProp("vigil.enabled", false)
                .sysProp("vigil.metrics.port", metricsPort)
                .start()) {
            HttpServerExample.awaitReady(app, appPort);

            assertServes(app, appPort);
            // Checked for a while, so an endpoint that starts late is caught too.
            for (int check = 0; check < 10; check++) {
                assertThat(listening(metricsPort)).as("something listens on metrics port " + metricsPort
                        + " although vigil.enabled=false\n" + app.logTail()).isFalse();
                sleep(200);
            }
        }
    }

    @Test
    void randomUrlsCannotGrowTheSeries() {
        int maxRoutes = 50;
        int wordyItems = 1_500;   // /items/<word>-<word>: 400 from the app, a new path each time
        int wordyMisses = 500;    // /<word>/<word>: 404
        List<String> words = randomWordPairs(wordyItems + wordyMisses, 7L);
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HttpServerExample.onPort(appPort)
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.http.max-routes", maxRoutes)
                .start()) {
            HttpServerExample.awaitReady(app, appPort);

            Map<Integer, Integer> statuses = Http.hammer(wordyItems + wordyMisses, 8, i -> Http.request(appPort,
                    i < wordyItems ? "/items/" + words.get(i) : "/" + words.get(i).replace('-', '/')).GET().build());

            assertThat(statuses).isEqualTo(Map.of(400, wordyItems, 404, wordyMisses));
            Scrape scrape = Scrape.awaitValue(metricsPort, COUNT, Map.of("http_request_method", "GET"),
                    wordyItems + wordyMisses);
            Set<String> routes = new TreeSet<>(scrape.labelValues(COUNT, "http_route"));

            assertServes(app, appPort);
            assertThat(app.stderr().lines().count()).as("the agent does not log per request\n" + app.logTail())
                    .isLessThan(100);

            // Soft: a failure here says everything that is off about the routes at once.
            SoftAssertions.assertSoftly(softly -> {
                // Paths that never answered 2xx or 3xx make no route, whatever they answered.
                softly.assertThat(scrape.value(COUNT, Map.of("http_route", "UNKNOWN", "http_response_status_code", "400")))
                        .as("every 400 counted under UNKNOWN; the 400 series: "
                                + linesWithAll(scrape.lines(COUNT), "http_response_status_code=\"400\""))
                        .isEqualTo(wordyItems);
                softly.assertThat(scrape.value(COUNT, Map.of("http_route", "NOT_FOUND"))).as("404s under NOT_FOUND; the 404 series: "
                                + linesWithAll(scrape.lines(COUNT), "http_response_status_code=\"404\""))
                        .isEqualTo(wordyMisses);
                Set<String> capped = new TreeSet<>(routes);
                capped.removeAll(Set.of("_OTHER", "NOT_FOUND", "UNKNOWN"));
                softly.assertThat(capped).as("distinct routes besides _OTHER, NOT_FOUND and UNKNOWN")
                        .hasSizeLessThanOrEqualTo(maxRoutes);
            });
        }
    }

    // --- helpers ---

    /** The shop answers its own requests, agent or no agent. */
    private static void assertServes(AppProcess app, int appPort) {
        Map<Integer, Integer> statuses = Http.hammer(20, 4, i -> Http.request(appPort, "/items/" + (1 + i % 5)).GET().build());
        assertThat(statuses).as(app.logTail()).isEqualTo(Map.of(200, 20));
        assertThat(Http.get(appPort, "/health").status()).isEqualTo(200);
        assertThat(app.isAlive()).isTrue();
    }

    /** The endpoint answers on {@code metricsPort} and has seen {@link #assertServes}' requests. */
    private static void assertMetricsServed(AppProcess app, int metricsPort) {
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(15));
        Map<String, String> items = Map.of("http_route", "/items/{id}", "http_response_status_code", "200");
        Scrape scrape = Scrape.awaitValue(metricsPort, COUNT, items, 20);
        assertThat(scrape.value(COUNT, items)).as(scrape.lines(COUNT)).isEqualTo(20);
    }

    private static List<String> linesWithAll(String log, String... fragments) {
        return log.lines().filter(line -> Arrays.stream(fragments).allMatch(line::contains)).toList();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code count} distinct "word-word" pairs: path segments no normaliser mistakes for ids. */
    private static List<String> randomWordPairs(int count, long seed) {
        String[] words = ("amber apple arrow basil birch blaze brook cedar cider clover comet coral crane dune "
                + "ember fable fern flint frost gale garnet grove harbor hazel heron indigo iris ivory jade juniper "
                + "lagoon lark linen lotus maple marble meadow mist moss nectar oak olive onyx opal orchid otter "
                + "pebble pine plum quartz raven reed river saffron sage slate sparrow thistle tide willow").split(" ");
        Random random = new Random(seed);
        Set<String> pairs = new LinkedHashSet<>();
        for (int attempt = 0; pairs.size() < count && attempt < count * 50; attempt++) {
            pairs.add(words[random.nextInt(words.length)] + "-" + words[random.nextInt(words.length)]);
        }
        assertThat(pairs).as("enough distinct word pairs").hasSize(count);
        return new ArrayList<>(pairs);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
