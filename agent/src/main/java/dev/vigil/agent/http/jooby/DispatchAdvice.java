package dev.vigil.agent.http.jooby;

import dev.vigil.agent.http.bridge.JoobyServerHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into a Jooby server's {@code Context#dispatch(Executor, Runnable)}, which hands a request's handler to a
 * worker thread: the handler runs with its request current there.
 */
public final class DispatchAdvice {
    private DispatchAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object context,
                             @Advice.Argument(value = 1, readOnly = false) Runnable action) {
        action = JoobyServerHooks.SLOT.get().dispatching(context, action);
    }
}
