package dev.vigil.agent.events.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/** What the Logback and Log4j2 advice call for events marked by a log line. */
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

    /** A line of {@code logger} (wanted) with its formatted message; {@code error}: logged at ERROR or above. */
    public void loggedLine(String logger, String message, boolean error) {
    }

    /** A Log4j2 {@code LogEvent} (an async logger's), not yet known to be wanted. */
    public void loggedEvent(Object event) throws Exception {
    }
}
