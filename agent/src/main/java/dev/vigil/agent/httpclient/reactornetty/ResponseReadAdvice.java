package dev.vigil.agent.httpclient.reactornetty;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpClientOperations#onInboundNext}, which hands the response and each part of its
 * body to the application on the event loop: they arrive in the trace context the call was made in.
 */
public final class ResponseReadAdvice {
    private ResponseReadAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object operations) {
        return HttpClientHooks.SLOT.get().resumeContext(operations);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object scope) {
        if (scope != null) {
            HttpClientHooks.SLOT.get().leaveContext(scope);
        }
    }
}
