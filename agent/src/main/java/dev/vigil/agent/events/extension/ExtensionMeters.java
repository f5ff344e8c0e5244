package dev.vigil.agent.events.extension;

import dev.vigil.agent.core.metrics.LabelLimiter;
import dev.vigil.agent.core.metrics.LatencyBuckets;
import dev.vigil.extension.ExtensionContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Extensions' counters and timers: Micrometer behind the SPI, every label capped. */
final class ExtensionMeters {
    private ExtensionMeters() {
    }

    /** The label values of one call, capped label by label; a missing value is "". */
    private static final class Labels {
        private final String metric;
        private final String[] names;
        private final LabelLimiter[] limiters;

        Labels(MeterRegistry registry, String metric, String[] names) {
            this.metric = metric;
            this.names = names.clone();
            this.limiters = new LabelLimiter[names.length];
            for (int i = 0; i < names.length; i++) {
                limiters[i] = LabelLimiter.of(registry, metric, names[i], ExtensionContext.MAX_LABEL_VALUES);
            }
        }

        List<String> limited(String[] values) {
            if (values.length != names.length) {
                throw new IllegalArgumentException(metric + " has labels " + Arrays.toString(names) + ", got "
                        + values.length + " values");
            }
            String[] limited = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                limited[i] = limiters[i].limit(values[i] == null ? "" : values[i]);
            }
            return Arrays.asList(limited);
        }

        Tags tags(List<String> values) {
            Tags tags = Tags.empty();
            for (int i = 0; i < names.length; i++) {
                tags = tags.and(names[i], values.get(i));
            }
            return tags;
        }
    }

    static final class CappedCounter implements dev.vigil.extension.Counter {
        private final MeterRegistry registry;
        private final String metric;
        private final String description;
        private final Labels labels;
        private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

        CappedCounter(MeterRegistry registry, String metric, String description, String[] labelNames) {
            this.registry = registry;
            this.metric = metric;
            this.description = description;
            this.labels = new Labels(registry, metric, labelNames);
        }

        @Override
        public void increment(String... labelValues) {
            counters.computeIfAbsent(labels.limited(labelValues), values -> Counter.builder(metric)
                    .description(description).tags(labels.tags(values)).register(registry)).increment();
        }
    }

    static final class CappedTimer implements dev.vigil.extension.Timer {
        private final MeterRegistry registry;
        private final String metric;
        private final String description;
        private final Labels labels;
        private final Duration[] buckets = LatencyBuckets.asArray(LatencyBuckets.HTTP);
        private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

        CappedTimer(MeterRegistry registry, String metric, String description, String[] labelNames) {
            this.registry = registry;
            this.metric = metric;
            this.description = description;
            this.labels = new Labels(registry, metric, labelNames);
        }

        @Override
        public void record(long durationNanos, String... labelValues) {
            timers.computeIfAbsent(labels.limited(labelValues), values -> Timer.builder(metric)
                    .description(description).tags(labels.tags(values)).serviceLevelObjectives(buckets)
                    .register(registry)).record(durationNanos, TimeUnit.NANOSECONDS);
        }
    }
}
