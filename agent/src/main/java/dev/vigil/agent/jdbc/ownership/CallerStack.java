package dev.vigil.agent.jdbc.ownership;

/**
 * The module whose code is running the current statement: the innermost frame of the current thread's
 * stack that belongs to a module. A stack walk costs microseconds, so {@link DataOwnership} asks once per
 * statement shape; tests give fake stacks.
 */
@FunctionalInterface
public interface CallerStack {
    /** The module of the innermost frame in one, or null when no frame is in a module. */
    String module(Modules modules);

    /** The current thread's stack, walked until the first frame in a module (the rest is never materialised). */
    static CallerStack walker() {
        StackWalker walker = StackWalker.getInstance();
        return modules -> walker.walk(frames -> frames.map(f -> modules.moduleOf(f.getClassName()))
                .filter(m -> m != null).findFirst().orElse(null));
    }
}
