package dev.vigil.agent.httpclient.reactornetty;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import io.netty.handler.codec.http.HttpHeaders;
import net.bytebuddy.asm.Advice;
import reactor.netty.ConnectionObserver;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.HttpClientState;

/**
 * Inlined into {@code HttpClientConnect$HttpObserver#onStateChange}: the request prepared (its headers
 * written but not sent: the trace headers go in, unless the application set its own), the response's
 * headers received, the connection let go of (an application that stopped reading the body).
 */
public final class StateChangeAdvice {
    private StateChangeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("handler") Object handler, @Advice.Argument(0) Object connection,
                             @Advice.Argument(1) Object state) {
        if (state == HttpClientState.REQUEST_PREPARED && connection instanceof HttpClientRequest request) {
            HttpClientHooks.SLOT.get().alias(connection, handler);
            HttpHeaders headers = request.requestHeaders();
            String[] trace = headers.contains("traceparent") ? null : HttpClientHooks.SLOT.get().traceHeadersOf(handler);
            if (trace != null) {
                headers.set("traceparent", trace[0]);
                if (trace[1] != null) {
                    headers.set("tracestate", trace[1]);
                }
            }
        } else if (state == HttpClientState.RESPONSE_RECEIVED && connection instanceof HttpClientResponse response) {
            HttpClientHooks.SLOT.get().responded(handler, response.status().code());
        } else if (state == ConnectionObserver.State.DISCONNECTING) {
            HttpClientHooks.SLOT.get().responseEnded(handler, null);
        }
    }
}
