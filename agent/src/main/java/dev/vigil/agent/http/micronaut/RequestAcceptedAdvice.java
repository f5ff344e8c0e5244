package dev.vigil.agent.http.micronaut;

import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import io.netty.handler.codec.http.HttpRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Micronaut's {@code RoutingInBoundHandler#accept}, where its Netty pipeline hands over each
 * request: the request starts, named by Netty's request object, and is current while Micronaut runs its
 * filters and the route on this thread.
 */
public final class RequestAcceptedAdvice {
    private RequestAcceptedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(1) HttpRequest request) {
        return ReactiveServerHooks.SLOT.get().arrived(request, request.method().name(), request.uri(),
                request.headers().get("traceparent"), request.headers().get("tracestate"));
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
        if (token != null) {
            ReactiveServerHooks.SLOT.get().leave(token);
        }
    }
}
