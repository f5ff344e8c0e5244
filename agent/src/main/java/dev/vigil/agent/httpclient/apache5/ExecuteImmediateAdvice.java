package dev.vigil.agent.httpclient.apache5;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;

/** Inlined into the async client's {@code executeImmediate}: the call starts (once) and carries the trace headers. */
public final class ExecuteImmediateAdvice {
    private ExecuteImmediateAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) HttpRequest request, @Advice.Argument(2) AsyncExecChain.Scope scope) {
        HttpHost target = scope.route.getTargetHost();
        Object call = HttpClientHooks.SLOT.get().startFuture(scope.cancellableDependency, request.getMethod(),
                target.getSchemeName(), target.getHostName(), target.getPort());
        String[] headers = call == null || request.containsHeader("traceparent") ? null
                : HttpClientHooks.SLOT.get().traceHeaders(call);
        if (headers != null) {
            request.setHeader("traceparent", headers[0]);
            if (headers[1] != null) {
                request.setHeader("tracestate", headers[1]);
            }
        }
    }
}
