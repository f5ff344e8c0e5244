package dev.vigil.agent.core.bridge;

import java.util.function.BiConsumer;

/**
 * The one guard around every hook. Advice is inlined with {@code suppress = Throwable.class}; whatever a
 * hook throws, the advice's exception handler passes here with the name of the feature whose advice it
 * is, and the application's call goes on. The agent installs the sink that counts and logs once.
 *
 * <p>Nothing here runs unless something failed: the hot path of a hook carries no try block and
 * allocates nothing for this.
 */
public final class HookErrors {
    private static volatile BiConsumer<String, Throwable> sink;

    private HookErrors() {
    }

    /** Called by inlined advice; the argument order is the operand stack's (the exception is pushed first). */
    public static void report(Throwable error, String feature) {
        try {
            BiConsumer<String, Throwable> current = sink;
            if (current != null && raisedInTheAgent(error)) {
                current.accept(feature, error);
            }
        } catch (Throwable ignored) {
            // reporting must never throw into the application either
        }
    }

    /**
     * Whether the agent's code was running when {@code error} was thrown. Advice also reads the
     * application's own objects (a request's method, a response's status); when one of those throws, the
     * call simply goes unrecorded, as it would for any caller, and that is no fault of the agent's to count.
     * A trace the JVM left out (a hot implicit exception) is counted: it may be ours.
     */
    private static boolean raisedInTheAgent(Throwable error) {
        StackTraceElement[] stack = error.getStackTrace();
        if (stack.length == 0) {
            return true;
        }
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("dev.vigil.agent.")) {
                return true;
            }
        }
        return false;
    }

    public static void reportTo(BiConsumer<String, Throwable> errors) {
        sink = errors;
    }
}
