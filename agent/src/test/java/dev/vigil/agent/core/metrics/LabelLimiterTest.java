package dev.vigil.agent.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class LabelLimiterTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LabelLimiter limiter = LabelLimiter.of(registry, "http_server_request_duration_seconds", "http.route", 2);

    @Test
    void theFirstValuesPassAndLaterOnesAreOtherAndCounted() {
        assertThat(limiter.limit("/a")).isEqualTo("/a");
        assertThat(limiter.limit("/b")).isEqualTo("/b");
        assertThat(limiter.limit("/c")).isEqualTo(MetricNames.OTHER);
        assertThat(limiter.limit("/a")).isEqualTo("/a");
        assertThat(registry.get(MetricNames.CARDINALITY_OVERFLOW).counter().count()).isEqualTo(1);
    }

    @Test
    void anAcceptedValueComesBackAsTheInstanceFirstAccepted() {
        String first = new String("/orders/{id}");
        limiter.limit(first);
        String again = new String("/orders/{id}");

        assertThat(limiter.limit(again)).isSameAs(first);
        assertThat(limiter.accepted(again)).isSameAs(first);
        assertThat(limiter.accepted("/never")).as("not accepted yet, and not accepted by asking").isNull();
        assertThat(limiter.limit("/never")).isEqualTo("/never");
    }
}
