package dev.vigil.agent.traces;

import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import dev.vigil.agent.core.log.AgentLog;
import dev.vigil.agent.traces.bridge.ContextHooks;
import dev.vigil.agent.traces.executor.ExecutorInstrumentation;
import dev.vigil.agent.traces.netty.EventLoopInstrumentation;
import dev.vigil.agent.traces.reactor.ReactorSchedulersInstrumentation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spans with W3C propagation, and the current trace carried into executor tasks. Publishes {@link Tracing}
 * for the features that start spans (HTTP server, JDBC) or carry the trace further (HTTP client, logs).
 */
public final class TracesFeature implements Feature {
    @Override
    public String name() {
        return "traces";
    }

    @Override
    public void start(FeatureContext context) {
        Tracing tracing;
        try {
            Map<String, String> properties = new HashMap<>();
            System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
            tracing = Tracing.create(context.config(), System.getenv(), properties, context.registry());
            AgentLog.debug("traces exported to: " + tracing.exporter());
        } catch (Throwable t) {
            AgentLog.error("tracing could not start (" + t.getClass().getName() + ": " + t.getMessage()
                    + "); check the OTEL_* settings. Metrics work without it");
            return;
        }
        context.publish(Tracing.class, tracing);
        ContextHooks.SLOT.set(new ContextPropagation(tracing));
    }

    @Override
    public List<TypeInstrumentation> instrumentations(VigilConfig config) {
        // Should the SDK not start, the advice calls the no-op hooks: nothing to carry.
        return List.of(new ExecutorInstrumentation(), new ReactorSchedulersInstrumentation(),
                new EventLoopInstrumentation());
    }

    @Override
    public void stop() {
        ContextHooks.SLOT.set(null);
    }
}
