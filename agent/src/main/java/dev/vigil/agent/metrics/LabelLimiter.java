package dev.vigil.agent.metrics;

import io.micrometer.core.instrument.Counter;
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
