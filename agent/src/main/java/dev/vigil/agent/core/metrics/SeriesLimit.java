package dev.vigil.agent.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A hard cap on the series of one metric. Each label has its own cap ({@link LabelLimiter}), but their
 * product can still be large: 500 routes by 10 methods by 60 status codes is 300,000 histograms, each 54
 * lines on a scrape. Past {@code max} label combinations, a new one is recorded on its overflow series
 * (the labels that grow replaced by {@code _OTHER}), so every observation is still counted, the heap and
 * the scrape stay bounded, and {@code vigil_cardinality_overflow_total{label="_series"}} says it happened.
 *
 * @param <K> the label combination, a record of the metric's label values
 * @param <M> the meter of one combination
 */
public final class SeriesLimit<K, M> {
    /** The {@code label} value of the overflow counter: the whole series, not one label. */
    public static final String SERIES = "_series";

    private final int max;
    private final Function<K, M> create;
    private final UnaryOperator<K> overflowOf;
    private final Counter overflow;
    private final Map<K, M> meters = new ConcurrentHashMap<>();

    private SeriesLimit(int max, Function<K, M> create, UnaryOperator<K> overflowOf, Counter overflow) {
        this.max = max;
        this.create = create;
        this.overflowOf = overflowOf;
        this.overflow = overflow;
    }

    /**
     * At most {@code max} series of {@code metric} (its Prometheus name); {@code overflowOf} gives the
     * combination a refused one is recorded under, which should depend on few labels (the status code, say).
     */
    public static <K, M> SeriesLimit<K, M> of(MeterRegistry registry, String metric, int max,
                                              UnaryOperator<K> overflowOf, Function<K, M> create) {
        return new SeriesLimit<>(max, create, overflowOf, Counter.builder(MetricNames.CARDINALITY_OVERFLOW)
                .description("Label values replaced by _OTHER because the label reached its cap")
                .tag("metric", metric)
                .tag("label", SERIES)
                .register(registry));
    }

    /** The meter of {@code key}, or of its overflow combination once the metric has {@code max} series. */
    public M get(K key) {
        M meter = meters.get(key);
        if (meter != null) {
            return meter;
        }
        if (meters.size() >= max) {
            return overflowMeter(key); // full for good: no lock on this path
        }
        synchronized (this) {
            meter = meters.get(key);
            if (meter == null && meters.size() < max) {
                meter = create.apply(key);
                meters.put(key, meter);
            }
        }
        return meter != null ? meter : overflowMeter(key);
    }

    private M overflowMeter(K key) {
        overflow.increment();
        // The overflow combinations may take the few places past max: a fixed handful, never one per key.
        return meters.computeIfAbsent(overflowOf.apply(key), create);
    }

    /** Series made so far, overflow ones included. */
    public int size() {
        return meters.size();
    }
}
