package dev.vigil.agent.events;

import java.util.List;

/** Events marked by a method: one pointcut each; success when it returns, error when it throws, with its duration. */
public final class MethodEvents {
    private MethodEvents() {
    }

    public static void register(List<EventRule.Method> rules, BusinessEvents events, Pointcuts pointcuts) {
        for (EventRule.Method rule : rules) {
            BusinessEvents.Meters meters = events.declareTimed(rule.event());
            PointcutListener listener = (state, self, returned, thrown, nanos) -> meters.count(thrown == null, nanos);
            pointcuts.add(rule.className(), rule.methodName(), listener, rule.where() + " (event " + rule.event() + ")");
        }
    }
}
