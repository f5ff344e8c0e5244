package dev.vigil.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The expected values in generated tests are formatted exactly as Prometheus' template functions print them. */
class GoFormatTest {

    @Test
    void formatsLikeGoPercentG() {
        assertThat(GoFormat.g4(47.5)).isEqualTo("47.5");
        assertThat(GoFormat.g4(89.99999999)).isEqualTo("90");
        assertThat(GoFormat.g4(2.485)).isEqualTo("2.485");
        assertThat(GoFormat.g4(12345)).isEqualTo("1.234e+04");
        assertThat(GoFormat.g4(0.00001234)).isEqualTo("1.234e-05");
        assertThat(GoFormat.g4(0)).isEqualTo("0");
    }

    @Test
    void humanizesLikePrometheusTemplates() {
        assertThat(GoFormat.humanizePercentage(0.475)).isEqualTo("47.5%");
        assertThat(GoFormat.humanizePercentage(0.0288)).isEqualTo("2.88%");
        assertThat(GoFormat.humanizeDuration(0.975)).isEqualTo("975ms");
        assertThat(GoFormat.humanizeDuration(2.485)).isEqualTo("2.485s");
        assertThat(GoFormat.humanizeDuration(117)).isEqualTo("1m 57s");
        assertThat(GoFormat.humanizeDuration(90000)).isEqualTo("1d 1h 0m 0s");
        assertThat(GoFormat.twoDecimals(0.5)).isEqualTo("0.50");
    }
}
