package dev.vigil.agent.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.config.VigilConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TracingTest {
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private final Tracing tracing = Tracing.create(VigilConfig.load(Map.of(), Map.of()), Map.of(), Map.of(),
            new SimpleMeterRegistry());
    private final ContextPropagation propagation = new ContextPropagation(tracing);

    @Test
    void exportsNothingUnlessTheStandardVariablesOrVigilAskForIt() {
        assertThat(Tracing.exporterOf("auto", Map.of(), Map.of())).isEqualTo("none");
        assertThat(Tracing.exporterOf("auto", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"), Map.of()))
                .isEqualTo("otlp");
        assertThat(Tracing.exporterOf("auto", Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/v1/traces"),
                Map.of())).isEqualTo("otlp");
        assertThat(Tracing.exporterOf("auto", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318",
                "OTEL_TRACES_EXPORTER", "console"), Map.of())).isEqualTo("console");
        assertThat(Tracing.exporterOf("otlp", Map.of(), Map.of())).isEqualTo("otlp");
        assertThat(Tracing.exporterOf("none", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"), Map.of()))
                .isEqualTo("none");
    }

    @Test
    void aValidTraceparentIsTheRemoteParent() {
        SpanContext parent = Span.fromContext(tracing.extract("00-" + TRACE_ID + "-b7ad6b7169203331-01", null))
                .getSpanContext();
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00-xyz", "ff-" + TRACE_ID + "-b7ad6b7169203331-01",
            "00-00000000000000000000000000000000-b7ad6b7169203331-01", "00-" + TRACE_ID + "-0000000000000000-01",
            "00-" + TRACE_ID + "-b7ad6b7169203331-zz"})
    void aMalformedTraceparentStartsAFreshTrace(String traceparent) {
        Context parent = tracing.extract(traceparent, "garbage==,,");
        assertThat(Span.fromContext(parent).getSpanContext().isValid()).isFalse();
        Span span = tracing.startServerSpan(parent, "GET");
        assertThat(span.getSpanContext().isValid()).isTrue();
        assertThat(span.getSpanContext().getTraceId()).isNotEqualTo(TRACE_ID);
    }

    @Test
    void aHugeTraceparentIsNoProblem() {
        String huge = "00-" + "a".repeat(10_000);
        assertThat(Span.fromContext(tracing.extract(huge, huge)).getSpanContext().isValid()).isFalse();
    }

    @Test
    void tasksRunWithTheContextOfTheirSubmitter() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Span span = tracing.startServerSpan(Context.root(), "GET");
        try (Scope ignored = span.makeCurrent()) {
            Runnable wrapped = (Runnable) propagation.taskSubmitted((Runnable) () -> { });
            assertThat(wrapped).isInstanceOf(ContextTask.class);

            String[] seen = new String[1];
            Runnable plain = () -> seen[0] = Span.current().getSpanContext().getTraceId();
            pool.submit((Runnable) propagation.taskSubmitted(plain)).get();
            assertThat(seen[0]).isEqualTo(span.getSpanContext().getTraceId());

            // A future keeps its identity; its context is restored when it runs.
            FutureTask<String> future = new FutureTask<>(() -> Span.current().getSpanContext().getTraceId());
            assertThat(propagation.taskSubmitted(future)).isSameAs(future);
            CompletableFuture.runAsync(() -> {
                Object scope = propagation.taskStart(future);
                try {
                    future.run();
                } finally {
                    propagation.taskEnd(scope);
                }
            }).get();
            assertThat(future.get()).isEqualTo(span.getSpanContext().getTraceId());
        } finally {
            pool.shutdown();
        }
        assertThat(propagation.taskSubmitted((Runnable) () -> { })).isNotInstanceOf(ContextTask.class);
    }

    /** Stands in for the thread factory of a scheduler shaded into the agent: its class is in the agent's package. */
    private static final class AgentsOwnThreads implements java.util.concurrent.ThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "agents-scheduler");
            thread.setDaemon(true);
            return thread;
        }
    }

    @Test
    void aTaskTheAgentsOwnSchedulerQueuesTakesNoContextButTheApplicationsDo() {
        java.util.concurrent.ScheduledThreadPoolExecutor agents =
                new java.util.concurrent.ScheduledThreadPoolExecutor(1, new AgentsOwnThreads());
        java.util.concurrent.ScheduledThreadPoolExecutor applications = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        try (Scope ignored = tracing.startServerSpan(Context.root(), "GET").makeCurrent()) {
            propagation.taskScheduled(agents, new FutureTask<>(() -> null));
            assertThat(propagation.waitingTasks()).as("the exemplar sampler's end of period, say").isZero();

            FutureTask<Object> task = new FutureTask<>(() -> null);
            propagation.taskScheduled(applications, task);
            assertThat(propagation.waitingTasks()).isEqualTo(1);
            propagation.workerStart(task);
            propagation.workerEnd();
            assertThat(propagation.waitingTasks()).as("taken by the worker that ran it").isZero();
        } finally {
            agents.shutdown();
            applications.shutdown();
        }
    }
}
