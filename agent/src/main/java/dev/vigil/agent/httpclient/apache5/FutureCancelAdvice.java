package dev.vigil.agent.httpclient.apache5;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code BasicFuture#cancel(boolean)}. */
public final class FutureCancelAdvice {
    private FutureCancelAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object future) {
        HttpClientHooks.SLOT.get().futureCompletes(future, 0, null, true);
    }
}
