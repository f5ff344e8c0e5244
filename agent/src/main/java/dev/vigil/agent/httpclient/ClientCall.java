package dev.vigil.agent.httpclient;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One outgoing call while it runs: its labels so far, its start, its CLIENT span (when spans are
 * exported), the trace context and the server request it was made for. Ends once, whichever thread completes it.
 */
final class ClientCall {
    final String method;
    final String address;
    final String port;
    final long startNanos = System.nanoTime();
    final Span span;
    /** The trace context the call was made in (null when tracing is off): its headers may be sent from another thread. */
    final Context context;
    final RequestClientTime requestTime;
    /** The response's status once its headers arrived, for a call that ends with its body; 0 before. */
    volatile int responded;
    private final AtomicBoolean ended = new AtomicBoolean();

    ClientCall(String method, String address, String port, Span span, Context context, RequestClientTime requestTime) {
        this.method = method;
        this.address = address;
        this.port = port;
        this.span = span;
        this.context = context;
        this.requestTime = requestTime;
    }

    /** True for the first caller only: a call is recorded once even if two paths report its end. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }

    boolean ended() {
        return ended.get();
    }
}
