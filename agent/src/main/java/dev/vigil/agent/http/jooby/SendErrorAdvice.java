package dev.vigil.agent.http.jooby;

import dev.vigil.agent.http.bridge.HttpServerHooks;
import dev.vigil.agent.http.bridge.JoobyServerHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Jooby's {@code DefaultContext#sendError(Throwable, StatusCode)}, where its error handler answers a
 * handler's exception: the error of the request on this context, or of the servlet request running on this thread.
 */
public final class SendErrorAdvice {
    private SendErrorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object context, @Advice.Argument(0) Throwable error) {
        JoobyServerHooks.SLOT.get().failed(context, error);
        HttpServerHooks.SLOT.get().answered(error);
    }
}
