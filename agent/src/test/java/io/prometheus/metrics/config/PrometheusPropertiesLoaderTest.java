package io.prometheus.metrics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusPropertiesLoaderTest {

    /** What an application sets for its own Prometheus client; the original loader also read it from here. */
    private static final String APPLICATIONS_KEY = "io.prometheus.metrics.histogram_native_only";

    @Test
    void readsWhatItsCallerPassesInTheOriginalsCamelCaseForm() {
        PrometheusProperties properties = PrometheusPropertiesLoader.load(
                Map.of("io.prometheus.exporter.exemplarsOnAllMetricTypes", "true"));

        assertThat(properties.getExporterProperties().getExemplarsOnAllMetricTypes()).isTrue();
        assertThat(PrometheusPropertiesLoader.load().getExporterProperties().getExemplarsOnAllMetricTypes()).isFalse();
    }

    @Test
    void neverReadsTheApplicationsSettingsForItsOwnPrometheusClient() {
        String before = System.getProperty(APPLICATIONS_KEY);
        System.setProperty(APPLICATIONS_KEY, "true");
        try {
            MetricsProperties defaults = PrometheusPropertiesLoader.load().getDefaultMetricProperties();

            assertThat(defaults.getHistogramNativeOnly()).as("a system property of the application's client").isNull();
            assertThat(defaults.getHistogramClassicOnly()).isNull();
        } finally {
            if (before == null) {
                System.clearProperty(APPLICATIONS_KEY);
            } else {
                System.setProperty(APPLICATIONS_KEY, before);
            }
        }
    }

    @Test
    void aKeyOfThisClientThatNoPropertiesReadIsAnError() {
        assertThatThrownBy(() -> PrometheusPropertiesLoader.load(Map.of("io.prometheus.exporter.noSuchThing", "1")))
                .isInstanceOf(PrometheusPropertiesException.class)
                .hasMessageContaining("io.prometheus.exporter.no_such_thing");
        assertThat(PrometheusPropertiesLoader.load(Map.of("someone.elses.key", "1"))).isNotNull();
    }

    @Test
    void normalizesAsTheOriginalDoes() {
        assertThat(PrometheusPropertiesLoader.normalize("exemplarsOnAllMetricTypes")).isEqualTo("exemplars_on_all_metric_types");
        assertThat(PrometheusPropertiesLoader.normalize("aBC")).isEqualTo("a_bc");
        assertThat(PrometheusPropertiesLoader.normalize("a1B.x_Y")).isEqualTo("a1b.x_y");
    }
}
