package dev.vigil.agent.http.vertx;

import dev.vigil.agent.http.bridge.VertxServerHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Vert.x Web's {@code RoutingContextImplBase#unhandledFailure}, which answers a handler's exception
 * that no failure handler took (a 500, usually at once): the response it ends carries that exception as its
 * error type.
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
