package dev.vigil.agent.methods;

/** What the agent does around a method a pointcut names. Called on the application's thread; must not throw far (the bridge catches). */
public interface MethodListener {
    /** Whether {@link #enter} needs {@code self} and the arguments (an array per call) or only the clock. */
    default boolean wantsArguments() {
        return false;
    }

    default Object enter(Object self, Object[] arguments) {
        return null;
    }

    void exit(Object state, Object self, Object returned, Throwable thrown, long nanos);
}
