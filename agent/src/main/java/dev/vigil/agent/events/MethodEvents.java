package dev.vigil.agent.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Events marked by a method: one pointcut each, made with the instrumentation (before the features start); success
 * when it returns, error when it throws, with its duration. The meters come when the events feature starts: until
 * then no call reaches the pointcuts (their hooks wait for the start).
 */
public final class MethodEvents {
    private final List<Counting> listeners;

    private MethodEvents(List<Counting> listeners) {
        this.listeners = listeners;
    }

    /** Adds a pointcut for each rule to {@code pointcuts}. */
    public static MethodEvents pointcuts(List<EventRule.Method> rules, Pointcuts pointcuts) {
        List<Counting> listeners = new ArrayList<>();
        for (EventRule.Method rule : rules) {
            Counting listener = new Counting(rule.event());
            pointcuts.add(rule.className(), rule.methodName(), listener, rule.where() + " (event " + rule.event() + ")");
            listeners.add(listener);
        }
        return new MethodEvents(listeners);
    }

    /** Registers each event's meters in {@code events}: from now on the pointcuts count. */
    public void countIn(BusinessEvents events) {
        for (Counting listener : listeners) {
            listener.meters = events.declareTimed(listener.event);
        }
    }

    private static final class Counting implements PointcutListener {
        private final String event;
        private volatile BusinessEvents.Meters meters;

        Counting(String event) {
            this.event = event;
        }

        @Override
        public void exit(Object state, Object self, Object returned, Throwable thrown, long nanos) {
            BusinessEvents.Meters counted = meters;
            if (counted != null) {
                counted.count(thrown == null, nanos);
            }
        }
    }
}
