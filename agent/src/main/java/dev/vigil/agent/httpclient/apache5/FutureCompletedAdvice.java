package dev.vigil.agent.httpclient.apache5;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.HttpResponse;

/** Inlined into {@code BasicFuture#completed}: before waiters wake up, so the call is recorded first. */
public final class FutureCompletedAdvice {
    private FutureCompletedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object future, @Advice.Argument(0) Object result) {
        HttpClientHooks.SLOT.get().futureCompletes(future,
                result instanceof HttpResponse ? ((HttpResponse) result).getCode() : 0, null, false);
    }
}
