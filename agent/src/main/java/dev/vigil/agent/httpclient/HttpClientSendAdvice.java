package dev.vigil.agent.httpclient;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import java.net.http.HttpRequest;
import net.bytebuddy.asm.Advice;

/** Inlined into the JDK HttpClient's {@code send} and {@code sendAsync}: the request goes out with the trace headers. */
public final class HttpClientSendAdvice {
    private HttpClientSendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
        request = (HttpRequest) HttpClientHooks.SLOT.get().outgoingRequest(request);
    }
}
