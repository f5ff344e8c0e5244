package dev.vigil.agent.httpclient;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import dev.vigil.agent.traces.Tracing;
import io.opentelemetry.api.trace.Span;
import java.net.http.HttpRequest;

/** Puts the current span's W3C headers on outgoing calls, unless the application set its own. */
final class OutgoingTrace extends HttpClientHooks {
    private final Tracing tracing;

    OutgoingTrace(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public Object outgoingRequest(Object request) {
        if (!(request instanceof HttpRequest original) || original.headers().firstValue("traceparent").isPresent()
                || !Span.current().getSpanContext().isValid()) {
            return request;
        }
        HttpRequest.Builder copy = HttpRequest.newBuilder(original, (name, value) -> true);
        tracing.injectCurrent(copy::header);
        return copy.build();
    }

    @Override
    public String[] outgoingTraceHeaders() {
        String[] headers = new String[2];
        tracing.injectCurrent((name, value) -> headers["traceparent".equals(name) ? 0 : 1] = value);
        return headers[0] == null ? null : headers;
    }
}
