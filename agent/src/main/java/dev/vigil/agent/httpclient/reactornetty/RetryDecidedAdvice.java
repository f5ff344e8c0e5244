package dev.vigil.agent.httpclient.reactornetty;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpClientConnect$HttpClientHandler#test(Throwable)}, which Reactor Netty asks for
 * every failure before a response (refused, timed out, reset, a redirect): one it does not retry is what
 * the application gets, and ends the call.
 */
public final class RetryDecidedAdvice {
    private RetryDecidedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object handler, @Advice.Argument(0) Throwable error, @Advice.Return boolean retried) {
        if (!retried) {
            HttpClientHooks.SLOT.get().futureCompletes(handler, 0, error, false);
        }
    }
}
