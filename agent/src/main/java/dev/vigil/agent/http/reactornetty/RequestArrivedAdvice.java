package dev.vigil.agent.http.reactornetty;

import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import io.netty.handler.codec.http.HttpRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Reactor Netty's {@code HttpServerOperations#onInboundNext}, which hands each inbound message
 * of a request to the application: the request line starts the request (the application's handler is
 * subscribed within this call), and its body parts resume it, so the request is current on the event loop
 * whenever the application's code runs there.
 */
public final class RequestArrivedAdvice {
    private RequestArrivedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object operations, @Advice.Argument(1) Object message) {
        if (message instanceof HttpRequest request) {
            return ReactiveServerHooks.SLOT.get().arrived(operations, request.method().name(), request.uri(),
                    request.headers().get("traceparent"), request.headers().get("tracestate"));
        }
        return ReactiveServerHooks.SLOT.get().resume(operations);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
        if (token != null) {
            ReactiveServerHooks.SLOT.get().leave(token);
        }
    }
}
