package dev.vigil.agent.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import org.junit.jupiter.api.Test;

class FixedPrometheusConfigTest {

    @Test
    void holdsMicrometersDefaults() {
        PrometheusConfig fixed = FixedPrometheusConfig.INSTANCE;
        PrometheusConfig defaults = PrometheusConfig.DEFAULT;

        assertThat(fixed.prefix()).isEqualTo(defaults.prefix());
        assertThat(fixed.descriptions()).isEqualTo(defaults.descriptions());
        assertThat(fixed.step()).isEqualTo(defaults.step());
        assertThat(fixed.prometheusProperties()).isEqualTo(defaults.prometheusProperties());
        assertThat(fixed.validate().isValid()).as("what requireValid no longer asks").isTrue();
    }
}
