package dev.vigil.agent.httpclient.apache4;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;

/** Inlined into {@code CloseableHttpClient#doExecute} (HttpClient 4): timed, with the trace headers set. */
public final class ExecuteAdvice {
    private ExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) HttpHost target, @Advice.Argument(1) HttpRequest request) {
        Object call = HttpClientHooks.SLOT.get().start(request.getRequestLine().getMethod(),
                target != null ? target.getSchemeName() : null, target != null ? target.getHostName() : null,
                target != null ? target.getPort() : -1);
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
    public static void exit(@Advice.Enter Object call, @Advice.Return HttpResponse response,
                            @Advice.Thrown Throwable thrown) {
        HttpClientHooks.SLOT.get().end(call, response == null ? 0 : response.getStatusLine().getStatusCode(), thrown);
    }
}
