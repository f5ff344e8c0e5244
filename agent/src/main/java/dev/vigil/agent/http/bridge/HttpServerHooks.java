package dev.vigil.agent.http.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/**
 * What the HTTP server advice calls. On the bootstrap class path (any class loader resolves it), so only
 * {@code java.base} types cross: requests, responses and listeners are {@code Object}s. The recorder
 * extends this; until it is installed every hook does nothing.
 */
public abstract class HttpServerHooks {
    public static final HookSlot<HttpServerHooks> SLOT = new HookSlot<>(new HttpServerHooks() {
    });

    /**
     * A server request starts, with its W3C trace headers (null when absent); returns a token for
     * {@link #end}, or null to ignore the request (a nested filter, the agent's own endpoint).
     */
    public Object start(String method, String rawPath, String traceparent, String tracestate) {
        return null;
    }

    /**
     * Whether a request already runs on this thread: the advice of a nested filter or handler then returns at
     * once, without reading the request's method, path and headers for a {@link #start} that would ignore them.
     */
    public boolean running() {
        return false;
    }

    /** The request's handler returned or threw. {@code route} is a framework template or null. */
    public void end(Object request, Object route, int status, Throwable error) {
    }

    /**
     * The handler returned with an asynchronous request still running (Servlet async). Returns an
     * instance of {@code listenerType} (a javax or jakarta {@code AsyncListener}) that will finish the
     * request, or null if it cannot.
     */
    public Object async(Object request, Object route, Class<?> listenerType, Object response) throws Exception {
        return null;
    }

    /** A framework has resolved the route template of the request running on this thread. */
    public void route(String template) {
    }

    /**
     * A framework answers {@code error}, thrown by a handler of the request running on this thread, itself (the
     * server sees no exception): the request's {@code error_type} if the answer is a 5xx. The first one counts.
     */
    public void answered(Throwable error) {
    }
}
