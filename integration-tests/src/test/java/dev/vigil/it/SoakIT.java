package dev.vigil.it;

import static dev.vigil.it.support.HeapAfterGc.MB;
import static dev.vigil.it.support.HeapAfterGc.mb;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.HeapAfterGc;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import org.junit.jupiter.api.Test;

/**
 * The example shop under steady load for {@code vigil.soak.seconds} (60 in the normal run; 600 for the
 * ten-minute soak: {@code mvn -B -pl integration-tests verify -Dtest=SoakIT -Dvigil.soak.seconds=600}),
 * its live heap read every few seconds: after the warm-up the heap is flat, and every request was
 * answered and counted.
 */
class SoakIT {

    private static final int CLIENT_THREADS = 4;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    /** Samples in this first part of the run are JIT, class loading and filling caps, not a trend. */
    private static final double WARM_UP_SHARE = 0.2;
    /**
     * The last third's median live heap may exceed the first third's by this much or {@link #MAX_TREND_SHARE},
     * whichever is larger: GC and JIT noise are a few hundred KB; a leak of 100 bytes per request at
     * hundreds of requests per second would be several MB a minute.
     */
    private static final long MAX_TREND = 4 * MB;
    private static final double MAX_TREND_SHARE = 0.10;

    @Test
    void theHeapStaysFlatUnderSteadyLoadAndEveryRequestIsAnswered() throws InterruptedException {
        long seconds = Long.getLong("vigil.soak.seconds", 60);
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HttpServerExample.onPort(appPort)
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("sun.net.httpserver.nodelay", true) // see HardeningApp in the hardening tests
                .jvmArg("-Xmx256m")
                .start()) {
            HttpServerExample.awaitReady(app, appPort);
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));

            Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
            AtomicLong sent = new AtomicLong();
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                long seed = t;
                Thread client = new Thread(() -> {
                    Random random = new Random(seed);
                    while (System.nanoTime() < deadline) {
                        int status;
                        try {
                            status = Http.send(request(appPort, random)).status();
                        } catch (UncheckedIOException e) {
                            status = Http.NO_RESPONSE;
                        }
                        sent.incrementAndGet();
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    }
                }, "soak-" + t);
                client.setDaemon(true);
                clients.add(client);
                client.start();
            }
            List<long[]> samples = new ArrayList<>(); // {seconds since start, live bytes}
            long started = System.nanoTime();
            while (System.nanoTime() < deadline) {
                Thread.sleep(SAMPLE_EVERY.toMillis());
                samples.add(new long[] {(System.nanoTime() - started) / 1_000_000_000L, HeapAfterGc.liveBytes(app)});
            }
            for (Thread client : clients) {
                client.join(Http.REQUEST_TIMEOUT.toMillis());
            }

            Map<Integer, Long> answered = new TreeMap<>();
            statuses.forEach((status, n) -> answered.put(status, n.get()));
            List<Long> steady = samples.stream().filter(s -> s[0] >= seconds * WARM_UP_SHARE).map(s -> s[1]).toList();
            assertThat(steady).as("live heap samples after the warm-up; run longer than 30 s").hasSizeGreaterThanOrEqualTo(3);
            int third = Math.max(1, steady.size() / 3);
            long first = median(steady.subList(0, third));
            long last = median(steady.subList(steady.size() - third, steady.size()));
            long allowed = Math.max(MAX_TREND, (long) (first * MAX_TREND_SHARE));
            String measured = sent.get() + " requests in " + seconds + " s " + answered + "; live heap (s: MB) "
                    + samples.stream().map(s -> s[0] + ": " + mb(s[1])).toList() + "; first third median " + mb(first)
                    + ", last third median " + mb(last);
            System.out.println("SoakIT: " + measured);

            assertThat(answered).as("every request answered by the app; " + measured).doesNotContainKey(Http.NO_RESPONSE);
            assertThat(answered.keySet()).as(measured).isSubsetOf(200, 404);
            Scrape scrape = Scrape.awaitValue(metricsPort, Contract.HTTP_COUNT, Map.of(), sent.get(), Duration.ofSeconds(30));
            // At most a few more: the JDK client resends a GET whose keep-alive connection broke as it went
            // out, and the server may have read it the first time too.
            assertThat(scrape.value(Contract.HTTP_COUNT)).as("every request counted once; " + measured)
                    .isBetween((double) sent.get(), sent.get() + sent.get() / 10_000.0);
            assertThat(last - first).as("live heap trend (allowed " + mb(allowed) + "); " + measured).isLessThan(allowed);
        }
    }

    /** Reads, searches, reports, unknown items and paths: everything but writes, which grow the shop's own data. */
    private static HttpRequest request(int port, Random random) {
        String path = switch (random.nextInt(8)) {
            case 0, 1, 2 -> "/items/" + (1 + random.nextInt(HttpServerExample.ITEMS));
            case 3 -> "/items";
            case 4 -> "/search?q=" + (char) ('a' + random.nextInt(26));
            case 5 -> "/report";
            case 6 -> "/items/" + (1_000 + random.nextInt(1_000_000)); // 404 of a known route
            default -> "/scan/" + Long.toHexString(random.nextLong()) + "/x" + random.nextInt(1_000); // 404, NOT_FOUND
        };
        return Http.request(port, path).GET().build();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
