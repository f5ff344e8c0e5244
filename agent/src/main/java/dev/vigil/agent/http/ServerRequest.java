package dev.vigil.agent.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One server request in flight: what is known at its start, a guard so it is recorded exactly once,
 * and, once recorded, its labels for the listeners of other features.
 */
final class ServerRequest implements EndedRequest {
    /** A field updater, not an {@code AtomicBoolean} per request; nor a {@code VarHandle}, whose first use spins classes. */
    private static final AtomicIntegerFieldUpdater<ServerRequest> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(ServerRequest.class, "ended");

    final long startNanos;
    final String method;
    final String rawPath;
    /** A route template a framework reported while the handler ran (JAX-RS), or null. */
    volatile String frameworkRoute;
    /** An exception a framework answered for this request itself (Helidon, Javalin, Spark), or null: a 5xx's error_type. */
    volatile Throwable answered;
    /** The SERVER span, or null when tracing is off; current on the request thread while {@link #scope} is open. */
    Span span;
    Scope scope;
    /**
     * The request's trace context (the span, and for a reactive server the request itself), made current
     * again each time the request's work comes back to a server thread; null when tracing is off.
     */
    Context context;
    /**
     * Other features' values ({@link RequestSlot}), made on first use. Never changed once published: a new value
     * comes in a new array, so reading one (each statement, each listener) takes no lock.
     */
    private volatile Object[] slots;
    private volatile int ended;
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
        return ENDED.compareAndSet(this, 0, 1);
    }

    boolean ended() {
        return ended != 0;
    }

    void recordedAs(String methodLabel, String routeLabel, int status, boolean failed) {
        this.methodLabel = methodLabel;
        this.routeLabel = routeLabel;
        this.status = status;
        this.failed = failed;
    }

    <T> T slot(RequestSlot<T> slot) {
        Object[] values = slots;
        Object value = values == null ? null : values[slot.index];
        @SuppressWarnings("unchecked")
        T typed = (T) (value != null ? value : made(slot));
        return typed;
    }

    private synchronized Object made(RequestSlot<?> slot) {
        Object[] values = slots;
        Object value = values == null ? null : values[slot.index];
        if (value == null) {
            value = slot.create.get();
            Object[] next = values == null ? new Object[RequestSlot.MAX] : values.clone();
            next[slot.index] = value;
            slots = next;
        }
        return value;
    }

    @Override
    public <T> T get(RequestSlot<T> slot) {
        Object[] values = slots;
        @SuppressWarnings("unchecked")
        T value = values == null ? null : (T) values[slot.index];
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
