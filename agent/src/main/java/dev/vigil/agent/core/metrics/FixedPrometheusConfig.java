package dev.vigil.agent.core.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import java.time.Duration;

/**
 * The registry's configuration: Micrometer's defaults, as constants. The agent's registry takes no settings of its
 * own, so there is nothing to validate; Micrometer's {@code PrometheusConfig.DEFAULT} validated them anyway, with
 * streams and a lambda per property, in the premain (4% of a Hello's), and read {@code step} through its
 * property validator for each new histogram.
 */
public final class FixedPrometheusConfig implements PrometheusConfig {
    public static final FixedPrometheusConfig INSTANCE = new FixedPrometheusConfig();

    private static final Duration STEP = Duration.ofMinutes(1);

    private FixedPrometheusConfig() {
    }

    @Override
    public String get(String key) {
        return null;
    }

    @Override
    public boolean descriptions() {
        return true;
    }

    @Override
    public Duration step() {
        return STEP;
    }

    @Override
    public void requireValid() {
        // Constants: valid by construction (the test compares them with Micrometer's defaults).
    }
}
