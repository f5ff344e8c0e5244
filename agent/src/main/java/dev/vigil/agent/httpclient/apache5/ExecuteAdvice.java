package dev.vigil.agent.httpclient.apache5;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;

/** Inlined into {@code CloseableHttpClient#doExecute} (HttpClient 5): timed, with the trace headers set. */
public final class ExecuteAdvice {
    private ExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) HttpHost target, @Advice.Argument(1) ClassicHttpRequest request) {
        Object call = HttpClientHooks.SLOT.get().start(request.getMethod(),
                target != null ? target.getSchemeName() : request.getScheme(),
                target != null ? target.getHostName() : request.getAuthority() != null ? request.getAuthority().getHostName() : null,
                target != null ? target.getPort() : request.getAuthority() != null ? request.getAuthority().getPort() : -1);
        String[] headers = request.containsHeader("traceparent") ? null : HttpClientHooks.SLOT.get().traceHeaders(call);
        if (headers != null) {
            request.setHeader("traceparent", headers[0]);
            if (headers[1] != null) {
                request.setHeader("tracestate", headers[1]);
            }
        }
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Return ClassicHttpResponse response,
                            @Advice.Thrown Throwable thrown) {
        HttpClientHooks.SLOT.get().end(call, response == null ? 0 : response.getCode(), thrown);
    }
}
