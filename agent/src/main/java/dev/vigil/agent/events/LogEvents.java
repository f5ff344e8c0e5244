package dev.vigil.agent.events;

import dev.vigil.agent.events.bridge.LogEventHooks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events marked by a log line: logger name (exact) and message pattern. A log call of a logger no
 * event names costs one map lookup and never formats the message.
 */
public final class LogEvents extends LogEventHooks {
    private final Map<String, Entry[]> byLogger;

    private record Entry(Glob message, BusinessEvents.Meters meters) {
    }

    public LogEvents(List<EventRule.Log> rules, BusinessEvents events) {
        Map<String, List<Entry>> grouped = new HashMap<>();
        for (EventRule.Log rule : rules) {
            grouped.computeIfAbsent(rule.logger(), l -> new ArrayList<>())
                    .add(new Entry(rule.message(), events.declare(rule.event())));
        }
        Map<String, Entry[]> byLogger = new HashMap<>();
        grouped.forEach((logger, entries) -> byLogger.put(logger, entries.toArray(new Entry[0])));
        this.byLogger = Map.copyOf(byLogger);
    }

    public boolean isEmpty() {
        return byLogger.isEmpty();
    }

    @Override
    public boolean wants(String logger) {
        return logger != null && byLogger.containsKey(logger);
    }

    @Override
    public void logged(String logger, Object event) throws ReflectiveOperationException {
        onLog(logger, LogbackEvents.message(event), LogbackEvents.isError(event));
    }

    @Override
    public void loggedLine(String logger, String message, boolean error) {
        onLog(logger, message, error);
    }

    @Override
    public void loggedEvent(Object event) throws ReflectiveOperationException {
        String logger = Log4jEvents.loggerName(event);
        if (wants(logger)) {
            onLog(logger, Log4jEvents.message(event), Log4jEvents.isError(event));
        }
    }

    /** A log event of {@code logger} with its formatted {@code message}; at ERROR level the outcome is {@code error}. */
    public void onLog(String logger, String message, boolean errorLevel) {
        Entry[] entries = byLogger.get(logger);
        if (entries == null) {
            return;
        }
        for (Entry entry : entries) {
            if (entry.message.matches(message)) {
                entry.meters.count(!errorLevel);
            }
        }
    }
}
