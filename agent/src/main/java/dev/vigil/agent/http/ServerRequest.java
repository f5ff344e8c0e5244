package dev.vigil.agent.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One server request in flight: what is known at its start, a guard so it is recorded exactly once,
 * and, once recorded, its labels for the listeners of other features.
 */
final class ServerRequest implements EndedRequest {
    final long startNanos;
    final String method;
    final String rawPath;
    /** A route template a framework reported while the handler ran (JAX-RS), or null. */
    volatile String frameworkRoute;
    /** The SERVER span, or null when tracing is off; current on the request thread while {@link #scope} is open. */
    Span span;
    Scope scope;
    /**
     * The request's trace context (the span, and for a reactive server the request itself), made current
     * again each time the request's work comes back to a server thread; null when tracing is off.
     */
    Context context;
    /** Other features' values ({@link RequestSlot}), made on first use. */
    private Object[] slots;
    private final AtomicBoolean ended = new AtomicBoolean();
    private String methodLabel;
    private String routeLabel;
    private int status;
    private boolean failed;

    ServerRequest(long startNanos, String method, String rawPath) {
        this.startNanos = startNanos;
        this.method = method;
        this.rawPath = rawPath;
    }

    boolean end() {
        return ended.compareAndSet(false, true);
    }

    boolean ended() {
        return ended.get();
    }

    void recordedAs(String methodLabel, String routeLabel, int status, boolean failed) {
        this.methodLabel = methodLabel;
        this.routeLabel = routeLabel;
        this.status = status;
        this.failed = failed;
    }

    synchronized <T> T slot(RequestSlot<T> slot) {
        if (slots == null) {
            slots = new Object[RequestSlot.MAX];
        }
        Object value = slots[slot.index];
        if (value == null) {
            value = slot.create.get();
            slots[slot.index] = value;
        }
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return typed;
    }

    @Override
    public synchronized <T> T get(RequestSlot<T> slot) {
        @SuppressWarnings("unchecked")
        T value = slots == null ? null : (T) slots[slot.index];
        return value;
    }

    @Override
    public String method() {
        return methodLabel;
    }

    @Override
    public String route() {
        return routeLabel;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public boolean failed() {
        return failed;
    }

    @Override
    public String traceId() {
        return span == null ? null : span.getSpanContext().getTraceId();
    }
}
