package dev.vigil.agent.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpMethodsTest {

    @Test
    void everyKnownMethodIsKeptAsTheLiteralAndAnythingElseIsOther() {
        for (String known : HttpMethods.KNOWN) {
            // A server parses a new string per request: the label is still the one literal.
            assertThat(HttpMethods.normalize(new String(known.toCharArray()))).isSameAs(known);
        }
        assertThat(HttpMethods.normalize("get")).isEqualTo(MetricNames.OTHER);
        assertThat(HttpMethods.normalize("PROPFIND")).isEqualTo(MetricNames.OTHER);
        assertThat(HttpMethods.normalize("GETX")).isEqualTo(MetricNames.OTHER);
        assertThat(HttpMethods.normalize("")).isEqualTo(MetricNames.OTHER);
        assertThat(HttpMethods.normalize(null)).isEqualTo(MetricNames.OTHER);
    }
}
