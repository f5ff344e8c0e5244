package dev.vigil.agent.endpoint;

import dev.vigil.agent.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the overview page ({@code /} and {@code /vigil/overview.json}) shows, read from the agent's live
 * state each time the page asks: per route (all status codes of one method and route together) the
 * request count, requests per second, 5xx share, p50/p95/p99 and the mean time per request spent in the
 * database and in outgoing calls; per dependency (the {@code server_address} and port of outgoing calls)
 * the calls, calls per second, error share and p95; the most expensive statement shapes; the recent N+1
 * and slow-query events; heap and uptime.
 *
 * <p>Percentiles come from the same histogram buckets Prometheus scrapes, interpolated linearly inside
 * the bucket as {@code histogram_quantile} does, so the page and a dashboard agree.
 *
 * <p>Requests per second: each read keeps the routes' counts (at most one sample a second, for at most a
 * minute); the rate is the increase since the oldest kept sample, so with the page open (one read every
 * 5 s) it is the rate over the last minute. The first read has nothing to compare with: the rate is null.
 */
public final class OverviewData {
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long MIN_SAMPLE_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MeterRegistry registry;
    /** Sections other features contribute ({@code statements}, {@code events}), by name. */
    private final Map<String, Supplier<Object>> sections;
    private final LongSupplier nanoTime;
    /** method + " " + route -> (nanoTime, count) samples, oldest first. */
    private final Map<String, Deque<long[]>> samples = new HashMap<>();
    private final Map<String, Deque<long[]>> eventSamples = new HashMap<>();
    private final Map<String, Deque<long[]>> dependencySamples = new HashMap<>();

    /** A section the page shows that no feature contributes (JDBC off) is an empty list. */
    public OverviewData(MeterRegistry registry, Map<String, Supplier<Object>> sections) {
        this(registry, sections, System::nanoTime);
    }

    OverviewData(MeterRegistry registry, Map<String, Supplier<Object>> sections, LongSupplier nanoTime) {
        this.registry = registry;
        this.sections = Map.copyOf(sections);
        this.nanoTime = nanoTime;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("routes", routes());
        page.put("dependencies", dependencies());
        page.put("statements", section("statements"));
        page.put("events", section("events"));
        page.put("business_events", businessEvents());
        page.put("jvm", jvm());
        return page;
    }

    private Object section(String name) {
        Supplier<Object> section = sections.get(name);
        return section == null ? List.of() : section.get();
    }

    private List<Map<String, Object>> routes() {
        Map<String, LatencyTotals> byRoute = new TreeMap<>();
        Map<String, Long> requestsPerRoute = new HashMap<>();
        for (Timer timer : registry.find(MetricNames.HTTP_SERVER_DURATION).timers()) {
            String method = timer.getId().getTag(MetricNames.HTTP_REQUEST_METHOD);
            String route = timer.getId().getTag(MetricNames.HTTP_ROUTE);
            String status = timer.getId().getTag(MetricNames.HTTP_RESPONSE_STATUS_CODE);
            HistogramSnapshot snapshot = timer.takeSnapshot();
            byRoute.computeIfAbsent(method + " " + route, k -> new LatencyTotals(Map.of("method", method, "route", route)))
                    .add(snapshot, status != null && status.startsWith("5"));
            requestsPerRoute.merge(route, snapshot.count(), Long::sum);
        }
        Map<String, Double> dbSeconds = secondsPerRoute(MetricNames.DB_TIME_PER_REQUEST);
        Map<String, Double> clientSeconds = secondsPerRoute(MetricNames.CLIENT_TIME_PER_REQUEST);
        long now = nanoTime.getAsLong();
        List<Map<String, Object>> rows = new ArrayList<>();
        synchronized (samples) {
            samples.keySet().retainAll(byRoute.keySet());
            byRoute.forEach((key, totals) -> {
                Map<String, Object> row = totals.row();
                row.put("requests_per_second", rate(samples, key, totals.count, now));
                String route = (String) row.get("route");
                // The per-request timers know the route, not the method: spread over all its requests.
                long requests = requestsPerRoute.getOrDefault(route, 0L);
                row.put("db_ms_per_request", perRequestMillis(dbSeconds.get(route), requests));
                row.put("client_ms_per_request", perRequestMillis(clientSeconds.get(route), requests));
                rows.add(row);
            });
        }
        rows.sort(Comparator.comparingLong((Map<String, Object> row) -> (Long) row.get("count")).reversed());
        return rows;
    }

    /** Total seconds of a per-request timer ({@code http_route} tagged), by route. */
    private Map<String, Double> secondsPerRoute(String timerName) {
        Map<String, Double> seconds = new HashMap<>();
        for (Timer timer : registry.find(timerName).timers()) {
            seconds.merge(timer.getId().getTag(MetricNames.HTTP_ROUTE), timer.totalTime(TimeUnit.SECONDS), Double::sum);
        }
        return seconds;
    }

    private static Double perRequestMillis(Double seconds, long requests) {
        return seconds == null || requests == 0 ? null : seconds * 1000 / requests;
    }

    /** Per peer of outgoing calls ({@code server_address:server_port}): calls, calls per second, error %, p95. */
    private List<Map<String, Object>> dependencies() {
        Map<String, LatencyTotals> byPeer = new TreeMap<>();
        for (Timer timer : registry.find(MetricNames.HTTP_CLIENT_DURATION).timers()) {
            String address = timer.getId().getTag(MetricNames.SERVER_ADDRESS);
            String port = timer.getId().getTag(MetricNames.SERVER_PORT);
            String errorType = timer.getId().getTag(MetricNames.ERROR_TYPE);
            byPeer.computeIfAbsent(address + ":" + port,
                            k -> new LatencyTotals(Map.of("server_address", address, "server_port", port)))
                    .add(timer.takeSnapshot(), errorType != null && !errorType.isEmpty());
        }
        long now = nanoTime.getAsLong();
        List<Map<String, Object>> rows = new ArrayList<>();
        synchronized (samples) {
            dependencySamples.keySet().retainAll(byPeer.keySet());
            byPeer.forEach((key, totals) -> {
                Map<String, Object> row = totals.row();
                row.put("calls_per_second", rate(dependencySamples, key, totals.count, now));
                rows.add(row);
            });
        }
        rows.sort(Comparator.comparingLong((Map<String, Object> row) -> (Long) row.get("count")).reversed());
        return rows;
    }

    /** Per business event: successes, errors, success %, and events per minute over the last minute. */
    private List<Map<String, Object>> businessEvents() {
        Map<String, long[]> byEvent = new TreeMap<>();
        for (Counter counter : registry.find(MetricNames.BUSINESS_EVENTS).counters()) {
            long[] counts = byEvent.computeIfAbsent(counter.getId().getTag(MetricNames.EVENT), e -> new long[2]);
            counts[MetricNames.OUTCOME_ERROR.equals(counter.getId().getTag(MetricNames.OUTCOME)) ? 1 : 0] += (long) counter.count();
        }
        long now = nanoTime.getAsLong();
        List<Map<String, Object>> rows = new ArrayList<>();
        synchronized (samples) {
            eventSamples.keySet().retainAll(byEvent.keySet());
            byEvent.forEach((event, counts) -> {
                long total = counts[0] + counts[1];
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("event", event);
                row.put("success", counts[0]);
                row.put("error", counts[1]);
                row.put("success_percent", total == 0 ? null : 100.0 * counts[0] / total);
                Double perSecond = rate(eventSamples, event, total, now);
                row.put("per_minute", perSecond == null ? null : perSecond * 60);
                rows.add(row);
            });
        }
        return rows;
    }

    /** Count per second since the oldest sample of the last minute, or null on the first read. */
    private static Double rate(Map<String, Deque<long[]>> samples, String key, long count, long now) {
        Deque<long[]> kept = samples.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!kept.isEmpty() && now - kept.peekFirst()[0] > WINDOW_NANOS) {
            kept.removeFirst();
        }
        Double rate = null;
        if (!kept.isEmpty() && now - kept.peekFirst()[0] >= MIN_SAMPLE_GAP_NANOS) {
            long[] oldest = kept.peekFirst();
            rate = Math.max(0, count - oldest[1]) / ((now - oldest[0]) / 1e9);
        }
        // At most one sample a second: a page reloaded in a loop cannot grow the deque past ~60 entries.
        if (kept.isEmpty() || now - kept.peekLast()[0] >= MIN_SAMPLE_GAP_NANOS) {
            kept.addLast(new long[] {now, count});
        }
        return rate;
    }

    private static Map<String, Object> jvm() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("heap_used_bytes", heap.getUsed());
        jvm.put("heap_max_bytes", heap.getMax() < 0 ? null : heap.getMax()); // -1: no limit set
        jvm.put("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        return jvm;
    }

    /**
     * The {@code q}-quantile in seconds from cumulative bucket counts ({@code bounds} in seconds, ascending)
     * and the total count, as Prometheus' {@code histogram_quantile}: linear inside the bucket holding the
     * rank, the first bucket starting at 0, and the highest finite bound when the rank is in +Inf.
     * Null without observations.
     */
    static Double quantile(double q, double[] bounds, double[] cumulative, double total) {
        if (total <= 0) {
            return null;
        }
        double rank = q * total;
        double below = 0;
        for (int i = 0; i < bounds.length; i++) {
            if (cumulative[i] >= rank) {
                double lower = i == 0 ? 0 : bounds[i - 1];
                double inBucket = cumulative[i] - below;
                return inBucket <= 0 ? bounds[i] : lower + (bounds[i] - lower) * (rank - below) / inBucket;
            }
            below = cumulative[i];
        }
        return bounds.length == 0 ? null : bounds[bounds.length - 1];
    }

    /**
     * One row of series summed (a method and route, or a peer): all its status codes and error types
     * (buckets add up by bound), the failed ones counted apart.
     */
    private static final class LatencyTotals {
        final Map<String, String> identity;
        long count;
        long errors;
        final TreeMap<Double, Double> cumulativeByBound = new TreeMap<>();

        LatencyTotals(Map<String, String> identity) {
            this.identity = identity;
        }

        void add(HistogramSnapshot snapshot, boolean failed) {
            count += snapshot.count();
            if (failed) {
                errors += snapshot.count();
            }
            // Micrometer's Prometheus timers keep cumulative counts, one per SLO bound (no +Inf entry).
            for (CountAtBucket bucket : snapshot.histogramCounts()) {
                cumulativeByBound.merge(bucket.bucket(TimeUnit.SECONDS), bucket.count(), Double::sum);
            }
        }

        Map<String, Object> row() {
            double[] bounds = cumulativeByBound.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] cumulative = cumulativeByBound.values().stream().mapToDouble(Double::doubleValue).toArray();
            Map<String, Object> row = new LinkedHashMap<>(new TreeMap<>(identity));
            row.put("count", count);
            row.put("error_percent", count == 0 ? null : 100.0 * errors / count);
            row.put("p50_ms", millis(quantile(0.50, bounds, cumulative, count)));
            row.put("p95_ms", millis(quantile(0.95, bounds, cumulative, count)));
            row.put("p99_ms", millis(quantile(0.99, bounds, cumulative, count)));
            return row;
        }

        private static Double millis(Double seconds) {
            return seconds == null ? null : seconds * 1000;
        }
    }
}
