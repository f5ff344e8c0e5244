package dev.vigil.it.hardening;

import static dev.vigil.it.support.HeapAfterGc.MB;
import static dev.vigil.it.support.HeapAfterGc.mb;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.HeapAfterGc;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * 100,000 random URLs (words, ids, UUIDs, hashes, tokens, deep paths, odd methods) against an app that
 * answers every one of them, with the agent's default settings: every request is counted, and neither
 * the series on /metrics nor the heap grows with the number of distinct URLs.
 */
class RandomUrlsHardeningIT {

    private static final int URLS = 100_000;
    /** Sent in four rounds, the live heap read after each: a leak grows from round to round. */
    private static final int ROUNDS = 4;
    private static final int CLIENT_THREADS = 8;
    private static final long SEED = 20_240_531L;

    /** vigil.http.max-routes, default: the README's table. */
    private static final int MAX_ROUTES = 500;

    /** The methods the flood uses, as the agent names them: GET, POST, HEAD, DELETE and _OTHER. */
    private static final int METHODS = 5;

    /**
     * Lines on /metrics after the flood: the README's bound. The HTTP histogram has 54 lines per series (49
     * bucket bounds and +Inf, _count, _sum, _max). The route cap alone would allow 502 routes by 5 methods,
     * 135,540 lines; the series cap (vigil.metrics.max-series, 1,000) stops the histogram at 1,000 series and
     * an overflow series per status: about 54,200 lines. Each route also has its histogram of database
     * statements per request (17 lines, 8,500 for 500 routes), and this app's own 100 statement series at
     * start-up are about 6,500 more. A series per URL would be 5.4 million.
     */
    private static final int MAX_SERIES = 72_000;
    /** The same bound in bytes: about 180 bytes a line. */
    private static final int MAX_BYTES = 13 * 1024 * 1024;

    /**
     * Live heap growth from before the flood to after it. What the agent may keep is bounded by its
     * caps: about 1,500 HTTP timers of a few KB each and 500 route strings. A leak of one string per
     * URL would be several MB more and would also show in {@link #MAX_GROWTH_AFTER_FIRST_ROUND}.
     */
    private static final long MAX_GROWTH = 24 * MB;

    /**
     * Live heap growth over the last three rounds (75,000 URLs), when every cap is already full: flat
     * but for noise (JIT, class metadata is off-heap, the client's connections). Even 40 bytes kept per
     * URL would be 3 MB here.
     */
    private static final long MAX_GROWTH_AFTER_FIRST_ROUND = 3 * MB;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHundredThousandRandomUrlsAreAllCountedAndLeaveSeriesAndHeapBounded() throws InterruptedException {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HardeningApp.onPorts(appPort, AppProcess.freePort())
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .jvmArg("-Xmx256m")
                .start()) {
            HardeningApp.awaitReady(app, appPort);
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
            // Warm-up on one route, so that class loading and JIT are behind the first heap reading.
            assertThat(Http.hammer(2_000, CLIENT_THREADS, i -> Http.request(appPort, "/warm-up/" + i).GET().build()))
                    .isEqualTo(Map.of(200, 2_000));
            Scrape before = Scrape.awaitValue(metricsPort, Contract.HTTP_COUNT, Map.of(), 2_000);
            // The app's own count of what it served; this request is counted by the agent under /served.
            long servedBefore = Long.parseLong(Http.get(appPort, "/served").body().strip());
            long heapBefore = HeapAfterGc.liveBytes(app);

            Map<Integer, Integer> statuses = new TreeMap<>();
            List<Long> heapAfterRound = new ArrayList<>();
            int perRound = URLS / ROUNDS;
            long started = System.nanoTime();
            for (int round = 0; round < ROUNDS; round++) {
                int offset = round * perRound;
                Http.hammer(perRound, CLIENT_THREADS, i -> randomRequest(appPort, offset + i))
                        .forEach((status, n) -> statuses.merge(status, n, Integer::sum));
                heapAfterRound.add(HeapAfterGc.liveBytes(app));
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;

            int expected404 = (int) java.util.stream.IntStream.range(0, URLS).filter(RandomUrlsHardeningIT::isMissing).count();
            // Now and then the JDK's client and server close a keep-alive connection under a request that is not
            // resent (a POST, an odd method): the client sees no answer. A handful at most, and the app's own
            // count of what it served is what the agent's count is held to below.
            int noResponse = statuses.getOrDefault(Http.NO_RESPONSE, 0);
            int answered404 = statuses.getOrDefault(404, 0);
            assertThat(statuses.keySet()).as("every answer is the app's own\n" + app.logTail())
                    .isSubsetOf(200, 404, Http.NO_RESPONSE);
            assertThat(noResponse).as("requests without any answer: " + statuses).isLessThanOrEqualTo(5);
            assertThat(statuses.getOrDefault(200, 0) + answered404 + noResponse).isEqualTo(URLS);
            assertThat(answered404).as("404s: " + statuses).isBetween(expected404 - noResponse, expected404);
            Scrape.await(metricsPort, s -> servedByAnyPath(s) >= servedByAnyPath(before) + URLS - noResponse,
                    Duration.ofSeconds(30));
            // A request the client saw fail may still have been served and be on its way into the counts.
            Thread.sleep(Scrape.SETTLE.toMillis());
            Scrape after = Scrape.fetch(metricsPort);
            Set<String> routes = after.labelValues(Contract.HTTP_COUNT, "http_route");
            long growth = heapAfterRound.get(ROUNDS - 1) - heapBefore;
            long lateGrowth = heapAfterRound.get(ROUNDS - 1) - heapAfterRound.get(0);
            String overviewJson = Http.get(metricsPort, "/vigil/overview.json").body();
            JsonNode overview = json(overviewJson);
            String measured = "URLs: " + URLS + " in " + seconds + " s; series " + before.samples().size() + " -> "
                    + after.samples().size() + " (" + after.text().length() / 1024 + " KB); routes " + routes.size()
                    + ", HTTP series " + after.samples(Contract.HTTP_COUNT, Map.of()).size() + "; overview rows "
                    + overview.get("routes").size() + " (" + overviewJson.length() / 1024 + " KB); counted by status "
                    + byStatus(before, after) + "; live heap " + mb(heapBefore)
                    + " -> " + heapAfterRound.stream().map(HeapAfterGc::mb).toList();
            System.out.println("RandomUrlsHardeningIT: " + measured);

            long served = Long.parseLong(Http.get(appPort, "/served").body().strip()) - servedBefore;
            SoftAssertions.assertSoftly(softly -> {
                // The agent's count is the app's own, exactly. The app may have served one more than the test
                // sent now and then: the JDK client resends a GET, HEAD or DELETE whose keep-alive connection
                // broke as it went out, after the server had read the first one.
                softly.assertThat(servedByAnyPath(after) - servedByAnyPath(before))
                        .as("every request the app served counted once; " + measured).isEqualTo((double) served);
                softly.assertThat(served).as("requests the app served for " + URLS + " sent").isBetween((long) URLS - noResponse, URLS + 10L);
                softly.assertThat(after.value(Contract.HTTP_COUNT, Map.of("http_route", "NOT_FOUND")))
                        // A resent request (see above) may be a 404 served twice.
                        .as("the 404s of paths that never answered").isBetween((double) answered404,
                                (double) expected404 + Math.max(0, served - URLS));
                // /served is the app's own context, a template outside the cap of paths.
                softly.assertThat(routes).as("distinct routes: at most max-routes, _OTHER, NOT_FOUND and /served")
                        .hasSizeLessThanOrEqualTo(MAX_ROUTES + 3).contains("_OTHER");
                softly.assertThat(after.labelValues(Contract.HTTP_COUNT, "http_request_method"))
                        .as("methods").isSubsetOf("GET", "HEAD", "POST", "DELETE", "_OTHER");
                softly.assertThat(after.samples().size()).as("series on /metrics; " + measured).isLessThan(MAX_SERIES);
                softly.assertThat(after.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                        .as("bytes on /metrics; " + measured).isLessThan(MAX_BYTES);
                softly.assertThat(after.value("vigil_cardinality_overflow_total", Map.of("label", "_series")))
                        .as("requests past the series cap, still counted on overflow series; " + measured).isPositive();
                softly.assertThat(overview.get("routes").size()).as("rows (method and route) on the overview page")
                        .isLessThanOrEqualTo(METHODS * (MAX_ROUTES + 2));
                softly.assertThat(growth).as("live heap growth over the flood (cap " + mb(MAX_GROWTH) + "); " + measured)
                        .isLessThan(MAX_GROWTH);
                softly.assertThat(lateGrowth).as("live heap growth over the last " + (ROUNDS - 1) + " rounds (cap "
                        + mb(MAX_GROWTH_AFTER_FIRST_ROUND) + "); " + measured).isLessThan(MAX_GROWTH_AFTER_FIRST_ROUND);
                softly.assertThat(app.stderr().lines().count()).as("the agent does not log per request\n" + app.logTail())
                        .isLessThan(20);
            });
        }
    }

    /** Request {@code i} of the flood: the same for the same {@code i}, whichever thread sends it. */
    private static HttpRequest randomRequest(int port, int i) {
        Random random = new Random(SEED * 1_000_003L + i);
        String path = switch (i % 10) {
            case 0 -> "/api/" + RandomText.word(random) + "/" + random.nextInt(1_000_000);
            case 1 -> "/users/" + random.nextInt(100_000) + "/orders/" + RandomText.uuid(random);
            case 2 -> "/files/" + RandomText.hex(random, 32) + "/" + RandomText.word(random) + ".pdf";
            // Plain words: distinct routes without end, which only the cap stops.
            case 3 -> "/" + RandomText.word(random) + "-" + RandomText.word(random) + "/" + RandomText.word(random);
            case 4 -> "/" + RandomText.word(random) + "/" + RandomText.word(random) + "/" + RandomText.word(random);
            case 5 -> "/missing/" + RandomText.word(random) + "/" + RandomText.word(random);
            case 6 -> "/t/" + RandomText.token(random, 24) + "/" + RandomText.word(random);
            case 7 -> "/deep" + "/x".repeat(4 + random.nextInt(12)) + "/" + RandomText.word(random);
            case 8 -> "/%E2%9C%93/" + RandomText.word(random) + ";jsessionid=" + RandomText.hex(random, 16);
            default -> "/search/" + RandomText.word(random) + "?q=" + RandomText.word(random) + "&page=" + random.nextInt(100);
        };
        HttpRequest.Builder request = Http.request(port, path);
        int method = random.nextInt(100);
        if (method < 90) {
            return request.GET().build();
        }
        if (method < 94) {
            return request.POST(HttpRequest.BodyPublishers.ofString("x=" + i)).build();
        }
        if (method < 96) {
            return request.method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        }
        if (method < 98) {
            return request.DELETE().build();
        }
        return request.method("X" + RandomText.word(random).toUpperCase(java.util.Locale.ROOT),
                HttpRequest.BodyPublishers.noBody()).build();
    }

    /** Requests counted between the scrapes, by status and method. */
    private static Map<String, Double> byStatus(Scrape before, Scrape after) {
        Map<String, Double> counted = new TreeMap<>();
        for (Scrape.Sample sample : after.samples(Contract.HTTP_COUNT, Map.of())) {
            counted.merge(sample.label("http_response_status_code") + " " + sample.label("http_request_method"),
                    sample.value(), Double::sum);
        }
        for (Scrape.Sample sample : before.samples(Contract.HTTP_COUNT, Map.of())) {
            counted.merge(sample.label("http_response_status_code") + " " + sample.label("http_request_method"),
                    -sample.value(), Double::sum);
        }
        return counted;
    }

    private static boolean isMissing(int i) {
        return i % 10 == 5;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** Requests counted by the agent, but for the test's own {@code GET /served}. */
    private static double servedByAnyPath(Scrape scrape) {
        return scrape.value(Contract.HTTP_COUNT) - scrape.value(Contract.HTTP_COUNT, Map.of("http_route", "/served"));
    }
}
