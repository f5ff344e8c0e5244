package dev.vigil.agent.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class LateErrorsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LateErrors errors = new LateErrors();

    @Test
    void errorsBeforeTheCounterExistsAreCountedOnceItDoesAndLaterOnesAtOnce() {
        errors.report("transform", new IllegalStateException("early"), "could not instrument A");
        errors.report("transform", new IllegalStateException("early"), "could not instrument B");
        assertThat(registry.find(MetricNames.AGENT_ERRORS).counter()).isNull();

        errors.reportTo(new AgentErrors(registry));
        assertThat(count()).isEqualTo(2);

        errors.report("transform", new IllegalStateException("later"), "could not instrument C");
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void whatIsKeptIsBounded() {
        for (int i = 0; i < LateErrors.KEPT * 10; i++) {
            errors.report("transform", new IllegalStateException(), "could not instrument a class");
        }
        errors.reportTo(new AgentErrors(registry));

        assertThat(count()).isEqualTo(LateErrors.KEPT);
    }

    private double count() {
        return registry.get(MetricNames.AGENT_ERRORS).tag("component", "transform").counter().count();
    }
}
