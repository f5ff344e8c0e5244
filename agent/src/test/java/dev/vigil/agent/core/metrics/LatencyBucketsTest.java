package dev.vigil.agent.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bucket layout is what makes p50/p95/p99 true: record a known distribution through the real
 * Micrometer Prometheus registry, read the buckets from its exposition text, apply Prometheus'
 * {@code histogram_quantile} algorithm, and compare with the distribution's exact quantiles.
 */
class LatencyBucketsTest {
    private static final int SAMPLES = 20_000;
    private static final Pattern BUCKET = Pattern.compile("^latency_seconds_bucket\\{.*le=\"([^\"]+)\".*} (\\S+)$",
            Pattern.MULTILINE);

    /** Inverse CDFs (seconds) of the distributions a web service and a database actually show. */
    static List<Arguments> distributions() {
        return List.of(
                Arguments.of("uniform 10-200 ms", (DoubleUnaryOperator) p -> 0.010 + p * 0.190),
                Arguments.of("exponential, mean 50 ms after 2 ms", (DoubleUnaryOperator) p -> 0.002 - 0.050 * Math.log(1 - p)),
                Arguments.of("log-normal, median 40 ms, sigma 0.8", logNormal(0.040, 0.8)),
                Arguments.of("log-normal, median 300 us (a fast query)", logNormal(0.0003, 0.5)),
                Arguments.of("log-normal, median 1.2 s, sigma 0.4 (a slow endpoint)", logNormal(1.2, 0.4)),
                Arguments.of("bimodal: 90% ~20 ms, 10% ~400 ms", (DoubleUnaryOperator) p -> p < 0.9
                        ? logNormal(0.020, 0.3).applyAsDouble(p / 0.9)
                        : logNormal(0.400, 0.3).applyAsDouble((p - 0.9) / 0.1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void histogramQuantileIsWithinTenPercentOfTheExactValue(String name, DoubleUnaryOperator inverseCdf) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<Duration> bounds = inverseCdf.applyAsDouble(0.5) < 0.001 ? LatencyBuckets.DB : LatencyBuckets.HTTP;
        Timer timer = Timer.builder("latency").serviceLevelObjectives(LatencyBuckets.asArray(bounds)).register(registry);
        // Evenly spaced ranks: the sample's quantiles are the distribution's exact quantiles.
        for (int i = 0; i < SAMPLES; i++) {
            timer.record(Math.round(inverseCdf.applyAsDouble((i + 0.5) / SAMPLES) * 1e9), TimeUnit.NANOSECONDS);
        }
        TreeMap<Double, Double> buckets = buckets(registry.scrape());
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            double exact = inverseCdf.applyAsDouble(q);
            double estimated = histogramQuantile(q, buckets);
            assertThat(estimated).as("%s p%s", name, Math.round(q * 100)).isCloseTo(exact, within(exact * 0.10));
        }
    }

    @Test
    void boundsAreRoundNumbersWithNoNeighboursFurtherApartThanFourToThree() {
        List<Duration> http = LatencyBuckets.HTTP;
        assertThat(http.get(0)).isEqualTo(Duration.ofMillis(1));
        assertThat(http.get(http.size() - 1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(http).contains(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
        for (List<Duration> bounds : List.of(LatencyBuckets.HTTP, LatencyBuckets.DB)) {
            for (int i = 1; i < bounds.size(); i++) {
                double ratio = (double) bounds.get(i).toNanos() / bounds.get(i - 1).toNanos();
                assertThat(ratio).isGreaterThan(1.0).isLessThanOrEqualTo(4.0 / 3 + 1e-9);
            }
        }
    }

    private static DoubleUnaryOperator logNormal(double median, double sigma) {
        return p -> median * Math.exp(sigma * inverseNormal(p));
    }

    /** Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9). */
    static double inverseNormal(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            return -inverseNormal(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    private static TreeMap<Double, Double> buckets(String exposition) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        Matcher m = BUCKET.matcher(exposition);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.put(le, Double.parseDouble(m.group(2)));
        }
        assertThat(buckets).as("buckets in the exposition").hasSizeGreaterThan(10);
        return buckets;
    }

    /** Prometheus' histogram_quantile (promql/quantile.go): linear interpolation inside the bucket holding the rank. */
    static double histogramQuantile(double q, TreeMap<Double, Double> cumulative) {
        List<Map.Entry<Double, Double>> entries = new ArrayList<>(cumulative.entrySet());
        double total = entries.get(entries.size() - 1).getValue();
        double rank = q * total;
        double previousBound = 0;
        double previousCount = 0;
        for (int i = 0; i < entries.size(); i++) {
            double bound = entries.get(i).getKey();
            double count = entries.get(i).getValue();
            if (count >= rank) {
                if (Double.isInfinite(bound)) {
                    return previousBound;
                }
                if (i == 0 && bound <= 0) {
                    return bound;
                }
                return previousBound + (bound - previousBound) * (rank - previousCount) / (count - previousCount);
            }
            previousBound = bound;
            previousCount = count;
        }
        return Double.NaN;
    }
}
