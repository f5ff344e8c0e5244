package dev.vigil.agent.httpclient.jdk;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import net.bytebuddy.asm.Advice;

/** Inlined into the JDK HttpClient's {@code send}: the call is timed and goes out with the trace headers. */
public final class SendAdvice {
    private SendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
        URI uri = request.uri();
        Object call = HttpClientHooks.SLOT.get().start(request.method(), uri.getScheme(), uri.getHost(), uri.getPort());
        request = (HttpRequest) HttpClientHooks.SLOT.get().withTraceHeaders(call, request);
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Return HttpResponse<?> response,
                            @Advice.Thrown Throwable thrown) {
        HttpClientHooks.SLOT.get().end(call, response == null ? 0 : response.statusCode(), thrown);
    }
}
