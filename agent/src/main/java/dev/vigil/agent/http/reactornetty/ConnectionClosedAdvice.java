package dev.vigil.agent.http.reactornetty;

import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import net.bytebuddy.asm.Advice;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Inlined into Reactor Netty's {@code HttpServerOperations#onInboundClose}: the connection closed while the
 * request was still running (the client went away mid-stream, or before any answer). It ends the request
 * as cancelled; the {@code terminate()} that follows finds it ended already.
 */
public final class ConnectionClosedAdvice {
    private ConnectionClosedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object operations) {
        HttpServerResponse response = (HttpServerResponse) operations;
        ReactiveServerHooks.SLOT.get().ended(operations, response.status().code(), response.hasSentHeaders(), true);
    }
}
