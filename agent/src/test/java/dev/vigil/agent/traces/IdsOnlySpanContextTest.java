package dev.vigil.agent.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsOnlySpanContextTest {

    @Test
    void aNewTraceHasValidSampledIdsAsTheSdkWouldWriteThem() {
        Set<String> traces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            SpanContext context = IdsOnlySpanContext.newTrace();
            assertThat(TraceId.isValid(context.getTraceId())).isTrue();
            assertThat(SpanId.isValid(context.getSpanId())).isTrue();
            assertThat(context.getTraceId()).isSameAs(context.getTraceId()); // written once
            assertThat(context.isValid()).isTrue();
            assertThat(context.isSampled()).isTrue();
            assertThat(context.isRemote()).isFalse();
            assertThat(context.getTraceState()).isEqualTo(TraceState.getDefault());
            traces.add(context.getTraceId());
        }
        assertThat(traces).hasSize(1000);
    }

    /** The IDs are first written while the propagator builds the header in its own per-thread buffer. */
    @Test
    void theW3cHeaderOfAContextWhoseIdsWereNeverReadIsWellFormed() {
        SpanContext context = IdsOnlySpanContext.newTrace();
        Map<String, String> headers = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(context)), headers, Map::put);

        assertThat(headers.get("traceparent")).isEqualTo("00-" + context.getTraceId() + "-" + context.getSpanId() + "-01");
        assertThat(TraceId.isValid(context.getTraceId())).isTrue();
    }

    @Test
    void aChildKeepsItsParentsTraceFlagsAndStateWithANewSpanId() {
        TraceState state = TraceState.builder().put("vendor", "v1").build();
        SpanContext parent = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getDefault(), state);

        SpanContext child = IdsOnlySpanContext.childOf(parent);

        assertThat(child.getTraceId()).isEqualTo(parent.getTraceId());
        assertThat(child.getSpanId()).isNotEqualTo(parent.getSpanId());
        assertThat(SpanId.isValid(child.getSpanId())).isTrue();
        assertThat(child.isSampled()).isFalse();
        assertThat(child.getTraceState()).isEqualTo(state);
        assertThat(child.getTraceIdBytes()).hasSize(16);
    }
}
