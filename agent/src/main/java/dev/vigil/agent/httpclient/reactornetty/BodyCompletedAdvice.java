package dev.vigil.agent.httpclient.reactornetty;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Inlined into Reactor Netty's {@code ChannelOperations#onInboundComplete}: a client response's body is
 * complete. On entry, before the application's reader hears of it, which it then does in the call's
 * trace context.
 */
public final class BodyCompletedAdvice {
    private BodyCompletedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object operations) {
        if (!(operations instanceof HttpClientResponse)) {
            return null;
        }
        Object scope = HttpClientHooks.SLOT.get().resumeContext(operations);
        HttpClientHooks.SLOT.get().responseEnded(operations, null);
        return scope;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object scope) {
        if (scope != null) {
            HttpClientHooks.SLOT.get().leaveContext(scope);
        }
    }
}
