package dev.vigil.agent.jvm;

import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.log.AgentLog;

/** JVM and process metrics from Micrometer's binders, bound off the application's start-up path, once it is up. */
public final class JvmFeature implements Feature {
    @Override
    public String name() {
        return "jvm-metrics";
    }

    @Override
    public void start(FeatureContext context) {
    }

    /**
     * Bound once the application is up (see {@link dev.vigil.agent.core.Deferred}): the binders' meters and the JMX
     * classes behind them cost more CPU than any other part of the agent's late start, and the application's start
     * is the worst time to spend it. A scrape before then binds them first, so no scrape lacks them; GC pauses
     * before the binding are not counted.
     */
    @Override
    public void startLater(FeatureContext context) {
        context.deferred().add(() -> {
            try {
                JvmMetrics.bindTo(context.registry());
            } catch (Throwable t) {
                AgentLog.warn("JVM metrics unavailable (" + t.getClass().getName() + "); the rest works");
            }
        });
    }
}
