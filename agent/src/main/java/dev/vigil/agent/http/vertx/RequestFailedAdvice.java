package dev.vigil.agent.http.vertx;

import dev.vigil.agent.http.bridge.VertxServerHooks;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Http1xServerRequest#handleException}: the connection failed or closed (the client went
 * away) before the response was written. The request ends here, once, with the exception as its error type.
 */
public final class RequestFailedAdvice {
    private RequestFailedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This HttpServerRequest request, @Advice.Argument(0) Throwable error) {
        HttpServerResponse response = request.response();
        // Once the response is written it completes by itself (responseComplete may come just after the close).
        if (response == null || !response.ended()) {
            VertxServerHooks.SLOT.get().ended(request, response == null ? 0 : response.getStatusCode(), error);
        }
    }
}
