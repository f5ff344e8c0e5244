package dev.vigil.agent.http.micronaut;

import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.netty.NettyHttpRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Micronaut's {@code RoutingInBoundHandler#writeResponse}: the response its error routes or
 * exception handlers made for an exception of the application's carries that exception, which becomes
 * the request's {@code error_type} if the answer is a server error.
 */
public final class ErrorResponseAdvice {
    private ErrorResponseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(1) NettyHttpRequest<?> request, @Advice.Argument(2) HttpResponse<?> response,
                             @Advice.Argument(3) Throwable thrown) {
        Throwable error = response == null ? thrown
                : response.getAttribute(HttpAttributes.EXCEPTION, Throwable.class).orElse(thrown);
        if (error != null) {
            ReactiveServerHooks.SLOT.get().failed(request.getNativeRequest(), error);
        }
    }
}
