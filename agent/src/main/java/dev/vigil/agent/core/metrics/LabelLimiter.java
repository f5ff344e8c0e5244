package dev.vigil.agent.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hard cap on the distinct values of one label. The first {@code max} values pass; later ones become
 * {@link MetricNames#OTHER} and are counted in {@code vigil_cardinality_overflow_total}, so random URLs
 * or generated SQL can grow neither the series count nor the heap.
 */
public final class LabelLimiter {
    private final int max;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
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

    /** Whether {@code value} already has its place under the cap. */
    public boolean accepts(String value) {
        return accepted.contains(value);
    }

    public String limit(String value) {
        if (accepted.contains(value)) {
            return value;
        }
        synchronized (this) {
            if (accepted.size() < max) {
                accepted.add(value);
                return value;
            }
        }
        overflow.increment();
        return MetricNames.OTHER;
    }
}
