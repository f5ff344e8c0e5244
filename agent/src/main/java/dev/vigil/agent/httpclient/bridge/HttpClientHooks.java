package dev.vigil.agent.httpclient.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/** What the HTTP client advice calls to send the trace context along with an outgoing request. */
public abstract class HttpClientHooks {
    public static final HookSlot<HttpClientHooks> SLOT = new HookSlot<>(new HttpClientHooks() {
    });

    /** A JDK {@code HttpRequest} about to be sent: returns it with the trace headers, or unchanged. */
    public Object outgoingRequest(Object request) {
        return request;
    }

    /** {@code {traceparent, tracestate}} of the current span (tracestate may be null), or null. */
    public String[] outgoingTraceHeaders() {
        return null;
    }
}
