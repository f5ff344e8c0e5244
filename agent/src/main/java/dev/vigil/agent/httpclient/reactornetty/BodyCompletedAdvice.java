package dev.vigil.agent.httpclient.reactornetty;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Inlined into Reactor Netty's {@code ChannelOperations#onInboundComplete}: a client response's body is
 * complete; on entry, before the application's reader hears of it.
 */
public final class BodyCompletedAdvice {
    private BodyCompletedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object operations) {
        if (operations instanceof HttpClientResponse) {
            HttpClientHooks.SLOT.get().responseEnded(operations, null);
        }
    }
}
