package dev.vigil.agent.core.metrics;

import java.util.Set;

/**
 * {@code error_type} of an exception: its class name, looking through the wrappers that frameworks
 * put around the application's own exception (Spring MVC and Jersey rethrow it inside a
 * ServletException; reflection and futures wrap it too), so the label says what actually failed.
 */
public final class ErrorTypes {
    private static final Set<String> WRAPPERS = Set.of(
            "jakarta.servlet.ServletException",
            "javax.servlet.ServletException",
            "java.lang.reflect.InvocationTargetException",
            "java.lang.reflect.UndeclaredThrowableException",
            "java.util.concurrent.CompletionException",
            "java.util.concurrent.ExecutionException");

    private ErrorTypes() {
    }

    public static String of(Throwable error) {
        Throwable current = error;
        // Bounded: a cause chain can be cyclic. Only wrappers are asked for their cause, and an
        // application's exception whose getCause() throws leaves the label at what is known so far.
        try {
            for (int depth = 0; depth < 8 && WRAPPERS.contains(current.getClass().getName())
                    && current.getCause() != null; depth++) {
                current = current.getCause();
            }
        } catch (RuntimeException | LinkageError broken) {
            // keep current
        }
        return current.getClass().getName();
    }
}
