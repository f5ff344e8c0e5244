package dev.vigil.agent.logs.bridge;

import dev.vigil.agent.core.bridge.HookSlot;
import java.util.Map;

/** What the logging advice calls to put the current trace into the application's log context. */
public abstract class LogHooks {
    public static final HookSlot<LogHooks> SLOT = HookSlot.notWaiting(new LogHooks() {
    });

    /** A Logback MDC map with {@code trace_id}, {@code span_id}, {@code trace_flags} added, or the same map. */
    public Map<String, String> withTraceFields(Map<String, String> mdc) {
        return mdc;
    }

    /** The current span's value of {@code key} ({@code trace_id}, {@code span_id} or {@code trace_flags}), or null. */
    public String traceField(String key) {
        return null;
    }

    /** Adds the current span's {@code trace_id}, {@code span_id}, {@code trace_flags} to a log record's own MDC copy. */
    public void addTraceFields(Map<String, Object> mdc) {
    }

    /** {@code {trace_id, span_id, trace_flags}} of the current span, or null. */
    public String[] traceFields() {
        return null;
    }
}
