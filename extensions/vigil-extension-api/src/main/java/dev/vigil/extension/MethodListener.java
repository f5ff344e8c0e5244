package dev.vigil.extension;

/**
 * Called around an instrumented method, on the application's thread. Keep it short and never block:
 * the time spent here is the application's. Whatever a listener throws is swallowed and counted.
 */
public interface MethodListener {
    /**
     * The method is entered. {@code self} is null for a static method; {@code arguments} must not be
     * kept. Returns a state handed to {@link #onExit} (may be null).
     */
    default Object onEnter(Object self, Object[] arguments) {
        return null;
    }

    /**
     * The method returned {@code returned} (null for void) or threw {@code thrown}, after
     * {@code durationNanos}.
     */
    void onExit(Object state, Object self, Object returned, Throwable thrown, long durationNanos);
}
