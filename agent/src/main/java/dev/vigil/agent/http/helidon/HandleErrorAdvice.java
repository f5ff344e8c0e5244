package dev.vigil.agent.http.helidon;

import dev.vigil.agent.http.bridge.HttpServerHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Helidon's {@code ErrorHandlers#handleError(ConnectionContext, RoutingRequest, RoutingResponse, Throwable)}:
 * the exception is the error of the request Helidon answers for it, if that answer is a 5xx.
 */
public final class HandleErrorAdvice {
    private HandleErrorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(3) Throwable error) {
        HttpServerHooks.SLOT.get().answered(error);
    }
}
