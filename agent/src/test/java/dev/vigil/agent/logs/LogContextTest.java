package dev.vigil.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.traces.Tracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogContextTest {
    private final Tracing tracing = Tracing.create(VigilConfig.load(Map.of(), Map.of()), Map.of(), Map.of(),
            new SimpleMeterRegistry());
    private final LogContext logContext = new LogContext();

    @Test
    void theLogContextGetsTheCurrentSpansIds() {
        Map<String, String> mdc = new HashMap<>(Map.of("user", "u1"));
        assertThat(logContext.withTraceFields(mdc)).isSameAs(mdc);
        Span span = tracing.startServerSpan(Context.root(), "GET");
        try (Scope ignored = span.makeCurrent()) {
            Map<String, String> withTrace = logContext.withTraceFields(mdc);
            assertThat(withTrace).containsEntry("user", "u1")
                    .containsEntry("trace_id", span.getSpanContext().getTraceId())
                    .containsEntry("span_id", span.getSpanContext().getSpanId())
                    .containsKey("trace_flags");
            assertThat(logContext.withTraceFields(withTrace)).isSameAs(withTrace);
        }
    }

    @Test
    void aJBossLogManagerRecordAsksForOneFieldOrAddsThemToItsCopy() {
        Map<String, Object> copy = new HashMap<>(Map.of("user", "u1"));
        assertThat(logContext.traceField("trace_id")).as("outside a span").isNull();
        Span span = tracing.startServerSpan(Context.root(), "GET");
        try (Scope ignored = span.makeCurrent()) {
            assertThat(logContext.traceField("trace_id")).isEqualTo(span.getSpanContext().getTraceId());
            assertThat(logContext.traceField("span_id")).isEqualTo(span.getSpanContext().getSpanId());
            assertThat(logContext.traceField("trace_other")).isNull();
            logContext.addTraceFields(copy);
            assertThat(copy).containsEntry("user", "u1").containsEntry("trace_id", span.getSpanContext().getTraceId())
                    .containsKey("trace_flags");
        }
    }
}
