package dev.vigil.agent.httpclient.okhttp;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;
import okhttp3.Request;

/**
 * Inlined into {@code RealInterceptorChain.proceed}: the chain's first step sends the application's
 * request on with the trace headers of the call running on this thread (requests are immutable).
 */
public final class ProceedAdvice {
    private ProceedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("index") int index,
                             @Advice.Argument(value = 0, readOnly = false) Request request) {
        String[] headers = index != 0 || request.header("traceparent") != null ? null
                : HttpClientHooks.SLOT.get().currentTraceHeaders();
        if (headers != null) {
            request = headers[1] == null ? request.newBuilder().header("traceparent", headers[0]).build()
                    : request.newBuilder().header("traceparent", headers[0]).header("tracestate", headers[1]).build();
        }
    }
}
