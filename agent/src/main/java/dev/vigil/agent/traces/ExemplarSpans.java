package dev.vigil.agent.traces;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Tells the Prometheus registry which span is current, so histogram buckets carry
 * {@code trace_id}/{@code span_id} exemplars (shown with OpenMetrics): from a latency spike on a
 * dashboard straight to one request's trace and log lines.
 */
public final class ExemplarSpans implements io.prometheus.metrics.tracer.common.SpanContext {
    @Override
    public String getCurrentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    @Override
    public String getCurrentSpanId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getSpanId() : null;
    }

    @Override
    public boolean isCurrentSpanSampled() {
        return Span.current().getSpanContext().isSampled();
    }

    @Override
    public void markCurrentSpanAsExemplar() {
        // Nothing to do: every sampled span is kept by the configured exporter anyway.
    }
}
