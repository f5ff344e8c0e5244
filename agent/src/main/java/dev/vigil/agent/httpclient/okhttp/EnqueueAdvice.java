package dev.vigil.agent.httpclient.okhttp;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code RealCall.enqueue}: the call runs on the dispatcher, for the request enqueuing it. */
public final class EnqueueAdvice {
    private EnqueueAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object call) {
        HttpClientHooks.SLOT.get().handOff(call);
    }
}
