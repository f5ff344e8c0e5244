package dev.vigil.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** W3C traceparent as the tracing tests send and read it (no agent needed). */
class TraceparentTest {

    @Test
    void aRandomContextIsAWellFormedSampledHeader() {
        Traceparent random = Traceparent.random();

        assertThat(random.header()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(random.sampled()).isTrue();
        assertThat(Traceparent.parse(random.header())).contains(random);
        assertThat(Traceparent.random().traceId()).isNotEqualTo(random.traceId());
    }

    @Test
    void parsesTheSpecExample() {
        assertThat(Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .contains(new Traceparent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "01"));
        assertThat(Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").orElseThrow().sampled()).isFalse();
    }

    @Test
    void refusesWhatTheSpecCallsInvalid() {
        assertThat(Traceparent.parse(null)).isEmpty();
        assertThat(Traceparent.parse("00-xyz")).isEmpty();
        assertThat(Traceparent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isEmpty();
        assertThat(Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isEmpty();
        assertThat(Traceparent.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isEmpty();
        assertThat(Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")).isEmpty();
        assertThat(Traceparent.isValidTraceId("4bf92f3577b34da6a3ce929d0e0e4736")).isTrue();
        assertThat(Traceparent.isValidSpanId("00f067aa0ba902b")).isFalse();
    }
}
