package dev.vigil.agent.logs;

import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import dev.vigil.agent.logs.bridge.LogHooks;
import dev.vigil.agent.traces.Tracing;
import java.util.List;

/** Trace and span IDs in the application's own log lines (Logback MDC, Log4j2 context data). */
public final class LogsFeature implements Feature {
    private boolean on;

    @Override
    public String name() {
        return "logs";
    }

    @Override
    public void start(FeatureContext context) {
        on = context.find(Tracing.class) != null;
        if (on) {
            LogHooks.SLOT.set(new LogContext());
        }
    }

    @Override
    public List<TypeInstrumentation> instrumentations() {
        return on ? List.of(new LoggingInstrumentation()) : List.of();
    }

    @Override
    public void stop() {
        LogHooks.SLOT.set(null);
    }
}
