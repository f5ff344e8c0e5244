package dev.vigil.agent.http.vertx;

import dev.vigil.agent.http.bridge.VertxServerHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of {@code Http1xServerConnection#handleMessage}: the event loop has handed the request to
 * the application's handler and goes on to other connections, so the request stops being this thread's.
 */
public final class DispatchedAdvice {
    private DispatchedAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit() {
        VertxServerHooks.SLOT.get().dispatched();
    }
}
