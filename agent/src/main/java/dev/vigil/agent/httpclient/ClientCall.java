package dev.vigil.agent.httpclient;

import io.opentelemetry.api.trace.Span;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One outgoing call while it runs: its labels so far, its start, its CLIENT span (when spans are
 * exported) and the server request it was made for. Ends once, whichever thread completes it.
 */
final class ClientCall {
    final String method;
    final String address;
    final String port;
    final long startNanos = System.nanoTime();
    final Span span;
    final RequestClientTime requestTime;
    private final AtomicBoolean ended = new AtomicBoolean();

    ClientCall(String method, String address, String port, Span span, RequestClientTime requestTime) {
        this.method = method;
        this.address = address;
        this.port = port;
        this.span = span;
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
