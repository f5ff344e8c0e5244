package dev.vigil.agent.events.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/** What the advice on methods named by {@code vigil.yaml} events and by extensions calls. */
public abstract class MethodHooks {
    public static final HookSlot<MethodHooks> SLOT = new HookSlot<>(new MethodHooks() {
    });

    /** A method of pointcut {@code pointcut}, entered at {@code startNanos}, returned or threw {@code thrown}. */
    public void exit(int pointcut, long startNanos, Throwable thrown) {
    }

    /** A method an extension listens to is entered: returns what {@link #returned} needs, or null. */
    public Object enter(int pointcut, Object self, Object[] arguments) {
        return null;
    }

    public void returned(int pointcut, Object call, Object self, Object returned, Throwable thrown) {
    }
}
