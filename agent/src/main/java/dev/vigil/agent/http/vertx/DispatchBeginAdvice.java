package dev.vigil.agent.http.vertx;

import dev.vigil.agent.http.bridge.VertxServerHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of {@code VertxImpl#beginDispatch(ContextInternal)}, through which Vert.x 4 and 5 run
 * every task of a context (a handler, a timer, a future's listener): a request's context runs it in the
 * request's trace.
 */
public final class DispatchBeginAdvice {
    private DispatchBeginAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object context) {
        VertxServerHooks.SLOT.get().dispatchBegins(context);
    }
}
