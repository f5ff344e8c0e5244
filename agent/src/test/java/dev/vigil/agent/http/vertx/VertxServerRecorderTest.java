package dev.vigil.agent.http.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.http.HttpServerRecorder;
import dev.vigil.agent.traces.Tracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VertxServerRecorderTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Tracing tracing = Tracing.create(VigilConfig.load(Map.of(), Map.of()), Map.of(), Map.of(), registry);
    private final VertxServerRecorder recorder = new VertxServerRecorder(new HttpServerRecorder(registry, 100, tracing));

    @Test
    void tasksOfTheRequestsVertxContextRunInItsTraceAfterTheHandlerReturned() {
        Object request = new Object();
        Object requestContext = new Object();
        Object connectionContext = new Object();
        recorder.begin(request, "GET", "/orders/1", null, null);
        recorder.runsOn(request, requestContext);
        String traceId = Span.current().getSpanContext().getTraceId();
        recorder.dispatched();
        assertThat(Span.current().getSpanContext().isValid()).as("the handler returned").isFalse();

        // A timer of the request, nested in a task of the connection (not traced), then the connection's task ends.
        recorder.dispatchBegins(connectionContext);
        recorder.dispatchBegins(requestContext);
        assertThat(Span.current().getSpanContext().getTraceId()).isEqualTo(traceId);
        recorder.dispatchEnds(requestContext);
        recorder.dispatchEnds(connectionContext);

        assertThat(Context.current()).as("nothing left on the thread").isSameAs(Context.root());
    }

    @Test
    void aContextTracedWhileItsTaskRunsLeavesNothingOnTheThread() {
        Object request = new Object();
        Object requestContext = new Object();
        recorder.dispatchBegins(requestContext); // not traced yet
        recorder.begin(request, "GET", "/orders/1", null, null);
        recorder.runsOn(request, requestContext);
        recorder.dispatched();
        recorder.dispatchEnds(requestContext);

        assertThat(Context.current()).isSameAs(Context.root());
    }
}
