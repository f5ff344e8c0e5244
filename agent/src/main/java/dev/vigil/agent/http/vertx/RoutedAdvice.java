package dev.vigil.agent.http.vertx;

import dev.vigil.agent.http.bridge.VertxServerHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code Http1xServerRequest#routed}, which Vert.x Web calls with each route it matches. */
public final class RoutedAdvice {
    private RoutedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object request, @Advice.Argument(0) String route) {
        VertxServerHooks.SLOT.get().routed(request, route);
    }
}
