package dev.vigil.agent.httpclient;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import java.net.URLConnection;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpURLConnection#connect}, {@code getInputStream}, {@code getOutputStream}: headers are set before the request is sent. */
public final class UrlConnectionAdvice {
    private UrlConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This URLConnection connection, @Advice.FieldValue("connected") boolean connected) {
        if (connected || connection.getRequestProperty("traceparent") != null) {
            return;
        }
        String[] headers = HttpClientHooks.SLOT.get().outgoingTraceHeaders();
        if (headers != null) {
            connection.setRequestProperty("traceparent", headers[0]);
            if (headers[1] != null && connection.getRequestProperty("tracestate") == null) {
                connection.setRequestProperty("tracestate", headers[1]);
            }
        }
    }
}
