package dev.vigil.agent.http.vertx;

import dev.vigil.agent.http.bridge.VertxServerHooks;
import io.vertx.core.Vertx;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code VertxImpl#endDispatch(ContextInternal previous)}: the context whose task ends
 * is still this thread's current one.
 */
public final class DispatchEndAdvice {
    private DispatchEndAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter() {
        VertxServerHooks.SLOT.get().dispatchEnds(Vertx.currentContext());
    }
}
