package dev.vigil.agent.http;

import dev.vigil.agent.db.RequestQueries;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;

/** One server request in flight: what is known at its start, and a guard so it is recorded exactly once. */
final class ServerRequest {
    final long startNanos;
    final String method;
    final String rawPath;
    /** A route template a framework reported while the handler ran (JAX-RS), or null. */
    volatile String frameworkRoute;
    /** The SERVER span, or null when tracing is off; current on the request thread while {@link #scope} is open. */
    Span span;
    Scope scope;
    /** The database work of this request, made on its first statement. */
    RequestQueries queries;
    private final AtomicBoolean ended = new AtomicBoolean();

    ServerRequest(long startNanos, String method, String rawPath) {
        this.startNanos = startNanos;
        this.method = method;
        this.rawPath = rawPath;
    }

    boolean end() {
        return ended.compareAndSet(false, true);
    }
}
