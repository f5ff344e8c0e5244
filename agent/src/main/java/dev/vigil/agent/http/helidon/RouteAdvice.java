package dev.vigil.agent.http.helidon;

import dev.vigil.agent.http.bridge.HelidonServerHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into Helidon's {@code HttpRoutingImpl#route(ConnectionContext, RoutingRequest, RoutingResponse)}. */
public final class RouteAdvice {
    private RouteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(1) Object request) throws Exception {
        return HelidonServerHooks.SLOT.get().routing(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Argument(1) Object request,
                            @Advice.Argument(2) Object response, @Advice.Thrown Throwable thrown) {
        if (token != null) {
            HelidonServerHooks.SLOT.get().routed(token, request, response, thrown);
        }
    }
}
