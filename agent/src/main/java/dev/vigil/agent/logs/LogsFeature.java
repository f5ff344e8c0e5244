package dev.vigil.agent.logs;

import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import dev.vigil.agent.logs.bridge.LogHooks;
import dev.vigil.agent.traces.Tracing;
import java.util.List;

/** Trace and span IDs in the application's own log lines (Logback MDC, Log4j2 context data). */
public final class LogsFeature implements Feature {
    @Override
    public String name() {
        return "logs";
    }

    @Override
    public void start(FeatureContext context) {
        if (context.find(Tracing.class) != null) {
            LogHooks.SLOT.set(new LogContext());
        }
    }

    @Override
    public List<TypeInstrumentation> instrumentations(VigilConfig config) {
        // Without traces there are no IDs to write; should the SDK not start, the advice calls the no-op hooks.
        return config.bool(Setting.TRACES_ENABLED) ? List.of(new LoggingInstrumentation()) : List.of();
    }

    @Override
    public void stop() {
        LogHooks.SLOT.set(null);
    }
}
