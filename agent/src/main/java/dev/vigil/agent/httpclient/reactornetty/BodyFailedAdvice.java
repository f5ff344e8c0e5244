package dev.vigil.agent.httpclient.reactornetty;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;
import reactor.netty.http.client.HttpClientResponse;

/** Inlined into Reactor Netty's {@code ChannelOperations#onInboundError}: a client response's body broke off. */
public final class BodyFailedAdvice {
    private BodyFailedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object operations, @Advice.Argument(0) Throwable error) {
        if (operations instanceof HttpClientResponse) {
            HttpClientHooks.SLOT.get().responseEnded(operations, error);
        }
    }
}
