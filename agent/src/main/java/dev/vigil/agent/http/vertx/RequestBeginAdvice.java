package dev.vigil.agent.http.vertx;

import dev.vigil.agent.http.bridge.VertxServerHooks;
import io.vertx.core.http.HttpServerRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of {@code Http1xServerRequest#handleBegin}: the request's head is read, its handler not yet
 * called; the request runs on its own Vert.x context ({@code context}), which its callbacks run on too.
 */
public final class RequestBeginAdvice {
    private RequestBeginAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This HttpServerRequest request, @Advice.FieldValue("context") Object context) {
        VertxServerHooks.SLOT.get().begin(request, request.method().name(), request.path(),
                request.getHeader("traceparent"), request.getHeader("tracestate"));
        VertxServerHooks.SLOT.get().runsOn(request, context);
    }
}
