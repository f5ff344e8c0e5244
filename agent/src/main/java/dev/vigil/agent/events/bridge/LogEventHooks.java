package dev.vigil.agent.events.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/** What the Logback advice calls for events marked by a log line. */
public abstract class LogEventHooks {
    public static final HookSlot<LogEventHooks> SLOT = new HookSlot<>(new LogEventHooks() {
    });

    /** Whether a business event is marked by logger {@code logger}: only then is {@link #logged} called. */
    public boolean wants(String logger) {
        return false;
    }

    /** A Logback {@code ILoggingEvent} of {@code logger}. */
    public void logged(String logger, Object event) throws Exception {
    }
}
