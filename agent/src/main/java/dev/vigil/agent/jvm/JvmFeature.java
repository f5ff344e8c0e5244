package dev.vigil.agent.jvm;

import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.log.AgentLog;

/** JVM and process metrics from Micrometer's binders, bound off the application's start-up path. */
public final class JvmFeature implements Feature {
    @Override
    public String name() {
        return "jvm-metrics";
    }

    @Override
    public void start(FeatureContext context) {
    }

    @Override
    public void startLater(FeatureContext context) {
        try {
            JvmMetrics.bindTo(context.registry());
        } catch (Throwable t) {
            AgentLog.warn("JVM metrics unavailable (" + t.getClass().getName() + "); the rest works");
        }
    }
}
