package dev.vigil.agent.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hard cap on the distinct values of one label. The first {@code max} values pass; later ones become
 * {@link MetricNames#OTHER} and are counted in {@code vigil_cardinality_overflow_total}, so random URLs
 * or generated SQL can grow neither the series count nor the heap.
 *
 * <p>A value that passes is returned as the instance first accepted: a label computed afresh per request (a
 * normalised path) then reaches the meter maps as one string whose hash is already known, and compares by
 * identity.
 */
public final class LabelLimiter {
    private final int max;
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final Counter overflow;

    public LabelLimiter(int max, Counter overflow) {
        this.max = max;
        this.overflow = overflow;
    }

    /** A limiter for {@code label} of {@code metric} (Prometheus names), counting its overflow in {@code registry}. */
    public static LabelLimiter of(MeterRegistry registry, String metric, String label, int max) {
        return new LabelLimiter(max, Counter.builder(MetricNames.CARDINALITY_OVERFLOW)
                .description("Label values replaced by _OTHER because the label reached its cap")
                .tag("metric", metric)
                .tag("label", MetricNames.prometheus(label))
                .register(registry));
    }

    /** The accepted instance equal to {@code value}, or null when {@code value} has no place under the cap yet. */
    public String accepted(String value) {
        return accepted.get(value);
    }

    public String limit(String value) {
        String known = accepted.get(value);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = accepted.get(value);
            if (known != null) {
                return known;
            }
            if (accepted.size() < max) {
                accepted.put(value, value);
                return value;
            }
        }
        overflow.increment();
        return MetricNames.OTHER;
    }
}
