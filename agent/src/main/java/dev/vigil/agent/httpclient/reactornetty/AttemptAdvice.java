package dev.vigil.agent.httpclient.reactornetty;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the constructor of {@code HttpClientConnect$HttpObserver}, made for each attempt with the
 * attempt's sink: cancelling that sink cancels the call.
 */
public final class AttemptAdvice {
    private AttemptAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("sink") Object sink, @Advice.FieldValue("handler") Object handler) {
        HttpClientHooks.SLOT.get().alias(sink, handler);
    }
}
