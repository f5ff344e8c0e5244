package dev.vigil.agent.events;

/** What the agent does around a method a pointcut names. Called on the application's thread; what it throws is counted as the pointcut owner's error ({@link Pointcuts}). */
public interface PointcutListener {
    /** Whether {@link #enter} needs {@code self} and the arguments (an array per call) or only the clock. */
    default boolean wantsArguments() {
        return false;
    }

    default Object enter(Object self, Object[] arguments) {
        return null;
    }

    void exit(Object state, Object self, Object returned, Throwable thrown, long nanos);
}
