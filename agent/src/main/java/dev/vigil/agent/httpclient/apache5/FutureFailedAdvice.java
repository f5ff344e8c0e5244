package dev.vigil.agent.httpclient.apache5;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code BasicFuture#failed}. */
public final class FutureFailedAdvice {
    private FutureFailedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object future, @Advice.Argument(0) Exception error) {
        HttpClientHooks.SLOT.get().futureCompletes(future, 0, error, false);
    }
}
