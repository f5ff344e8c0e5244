package dev.vigil.agent.core.metrics;

import dev.vigil.agent.core.log.AgentLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failures inside the agent's own code. They are swallowed (the application's request goes on),
 * counted in {@code vigil_agent_errors_total{component}}, and logged once per component so a failure
 * on every request cannot flood the log.
 */
public final class AgentErrors {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public AgentErrors(MeterRegistry registry) {
        this.registry = registry;
    }

    public void report(String component, Throwable error) {
        report(component, error, null);
    }

    /** As {@link #report(String, Throwable)}, with what the agent was doing (never application data). */
    public void report(String component, Throwable error, String doing) {
        try {
            Counter counter = counters.get(component);
            boolean first = false;
            if (counter == null) {
                // Decided inside computeIfAbsent: threads failing at once must not each log the "first" error.
                boolean[] created = {false};
                counter = counters.computeIfAbsent(component, c -> {
                    created[0] = true;
                    return Counter.builder(MetricNames.AGENT_ERRORS)
                            .description("Errors inside the Vigil agent, swallowed so the application runs on")
                            .tag("component", c)
                            .register(registry);
                });
                first = created[0];
            }
            counter.increment();
            if (first) {
                String where = agentFrame(error.getStackTrace());
                // Only the class and the agent's frame: a message could carry application data.
                AgentLog.warn("instrumentation error in " + component + (doing == null ? "" : ": " + doing)
                        + " (" + error.getClass().getName() + where
                        + "); the application continues, further errors of this component are only counted");
            }
        } catch (Throwable ignored) {
            // nothing left to do safely
        }
    }

    /** The agent's own frame nearest the failure: where a maintainer would start reading. */
    private static String agentFrame(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("dev.vigil.agent.") && !frame.getClassName().startsWith("dev.vigil.agent.shaded.")) {
                return " at " + frame;
            }
        }
        return stack.length > 0 ? " at " + stack[0] : "";
    }
}
