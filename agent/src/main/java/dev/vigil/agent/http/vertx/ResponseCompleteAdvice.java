package dev.vigil.agent.http.vertx;

import dev.vigil.agent.http.bridge.VertxServerHooks;
import io.vertx.core.http.HttpServerRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Http1xServerConnection#responseComplete}: the response's last bytes are written, whether
 * the handler ended it at once or long after it returned (a timer, a database callback, a worker).
 */
public final class ResponseCompleteAdvice {
    private ResponseCompleteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("responseInProgress") Object inProgress) {
        if (inProgress instanceof HttpServerRequest) {
            HttpServerRequest request = (HttpServerRequest) inProgress;
            VertxServerHooks.SLOT.get().ended(request, request.response().getStatusCode(), null);
        }
    }
}
