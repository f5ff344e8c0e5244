package dev.vigil.agent.http.reactornetty;

import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import net.bytebuddy.asm.Advice;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Inlined into Reactor Netty's {@code HttpServerOperations#afterInboundComplete}, which its
 * {@code terminate()} calls once per request (guarded there) when the response's last frame is written,
 * its write failed, or the connection closed: the request is over. On entry, so the request has ended
 * before Reactor Netty lets the connection's next pipelined request in.
 */
public final class ResponseEndedAdvice {
    private ResponseEndedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object operations) {
        HttpServerResponse response = (HttpServerResponse) operations;
        ReactiveServerHooks.SLOT.get().ended(operations, response.status().code(), response.hasSentHeaders(), false);
    }
}
