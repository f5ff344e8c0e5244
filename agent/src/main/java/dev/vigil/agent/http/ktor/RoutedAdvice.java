package dev.vigil.agent.http.ktor;

import dev.vigil.agent.http.bridge.KtorServerHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the constructor of Ktor's {@code RoutingPipelineCall(engineCall, route, ...)}, which its routing
 * builds once it has matched the engine's call to a route.
 */
public final class RoutedAdvice {
    private RoutedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object engineCall, @Advice.Argument(1) Object route) {
        KtorServerHooks.SLOT.get().routed(engineCall, route);
    }
}
