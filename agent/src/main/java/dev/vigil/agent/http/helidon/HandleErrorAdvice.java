package dev.vigil.agent.http.helidon;

import dev.vigil.agent.http.bridge.HelidonServerHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into Helidon's {@code ErrorHandlers#handleError(ConnectionContext, RoutingRequest, RoutingResponse, Throwable)}. */
public final class HandleErrorAdvice {
    private HandleErrorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(3) Throwable error) {
        HelidonServerHooks.SLOT.get().failing(error);
    }
}
