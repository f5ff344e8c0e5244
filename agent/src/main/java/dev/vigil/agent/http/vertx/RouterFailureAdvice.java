package dev.vigil.agent.http.vertx;

import dev.vigil.agent.http.bridge.VertxServerHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Vert.x Web's {@code RoutingContext#fail(int, Throwable)}, which runs the failure handlers, and
 * {@code RoutingContextImplBase#unhandledFailure}, which answers when none took the failure (a 500, usually at
 * once): a 5xx response they end carries the exception as its error type.
 */
public final class RouterFailureAdvice {
    private RouterFailureAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(1) Throwable failure) {
        VertxServerHooks.SLOT.get().failing(failure);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit() {
        VertxServerHooks.SLOT.get().failing(null);
    }
}
