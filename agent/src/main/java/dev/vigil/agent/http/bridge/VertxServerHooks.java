package dev.vigil.agent.http.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/**
 * What the Vert.x HTTP server advice calls. A Vert.x request begins, is routed and ends in separate calls,
 * often on different turns of the event loop, so each hook names the request (Vert.x's own request object,
 * as an {@code Object}: only {@code java.base} types cross the bridge). Until the recorder is installed
 * every hook does nothing.
 */
public abstract class VertxServerHooks {
    public static final HookSlot<VertxServerHooks> SLOT = new HookSlot<>(new VertxServerHooks() {
    });

    /** The server has parsed {@code request}'s head and is about to hand it to the application's handler. */
    public void begin(Object request, String method, String rawPath, String traceparent, String tracestate) {
    }

    /**
     * {@code context} is the Vert.x context {@code request} runs on (a duplicate of the connection's, its own):
     * the callbacks the application leaves on it (a timer, a future's listener) run in the request's trace.
     */
    public void runsOn(Object request, Object context) {
    }

    /** Vert.x starts running a task of {@code context} on this thread ({@code VertxImpl#beginDispatch}). */
    public void dispatchBegins(Object context) {
    }

    /** Vert.x has run a task of {@code context} on this thread ({@code VertxImpl#endDispatch}). */
    public void dispatchEnds(Object context) {
    }

    /** Vert.x Web matched a route of {@code request} ({@code HttpServerRequest#routed}); null for a route without a path. */
    public void routed(Object request, String route) {
    }

    /** The event loop is done with the message it was handling: whatever request began there no longer runs on this thread. */
    public void dispatched() {
    }

    /**
     * Vert.x Web answers {@code failure}, a handler's exception, on this thread (null: it has answered): a 5xx
     * that ends meanwhile failed with it.
     */
    public void failing(Throwable failure) {
    }

    /**
     * {@code request}'s response is complete ({@code error} null), or its connection failed or closed before
     * that; only the first call for a request counts.
     */
    public void ended(Object request, int status, Throwable error) {
    }
}
