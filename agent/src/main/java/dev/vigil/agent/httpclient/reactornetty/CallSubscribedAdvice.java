package dev.vigil.agent.httpclient.reactornetty;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Supplier;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the constructor of {@code HttpClientConnect$HttpClientHandler}, made once per subscription
 * on the subscribing thread: the call starts, named by the handler. The handler supplies the address it
 * connects to (host and port, no path or query).
 */
public final class CallSubscribedAdvice {
    private CallSubscribedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    @SuppressWarnings("unchecked")
    public static void exit(@Advice.This Object handler, @Advice.FieldValue("method") HttpMethod method) {
        SocketAddress address = ((Supplier<SocketAddress>) handler).get();
        if (address instanceof InetSocketAddress peer) {
            HttpClientHooks.SLOT.get().startFuture(handler, method.name(), null, peer.getHostString(), peer.getPort());
        }
    }
}
