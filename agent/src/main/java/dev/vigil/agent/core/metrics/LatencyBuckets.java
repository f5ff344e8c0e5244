package dev.vigil.agent.core.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Histogram bucket bounds for latencies. {@code histogram_quantile} interpolates linearly inside a
 * bucket, so its error is bounded by the bucket's width: with at most a 4:3 ratio between neighbours
 * (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8 per decade) p50/p95/p99 stay within 10% of the exact values
 * for smooth distributions (proved by {@code LatencyBucketsTest}), and every bound is a round number
 * a person can put in an SLO query ({@code le="0.25"}).
 */
public final class LatencyBuckets {
    private static final double[] MANTISSAS = {1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8};

    /** HTTP server requests: 1 ms to 60 s. */
    public static final List<Duration> HTTP = between(0.001, 60);
    /** Database operations, often far below a millisecond: 100 µs to 60 s. */
    public static final List<Duration> DB = between(0.0001, 60);

    private LatencyBuckets() {
    }

    static List<Duration> between(double lowestSeconds, double highestSeconds) {
        List<Duration> bounds = new ArrayList<>();
        for (double decade = lowestSeconds; decade <= highestSeconds; decade *= 10) {
            for (double mantissa : MANTISSAS) {
                // Round to whole nanoseconds: 0.0001 * 1.25 must render as 1.25E-4, not 1.2500000000000002E-4.
                double seconds = Math.round(decade * mantissa * 1e9) / 1e9;
                if (seconds <= highestSeconds + 1e-12) {
                    bounds.add(Duration.ofNanos(Math.round(seconds * 1e9)));
                }
            }
        }
        return List.copyOf(bounds);
    }

    public static Duration[] asArray(List<Duration> bounds) {
        return bounds.toArray(new Duration[0]);
    }
}
