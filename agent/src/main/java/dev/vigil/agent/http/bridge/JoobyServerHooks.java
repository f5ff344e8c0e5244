package dev.vigil.agent.http.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/**
 * What the Jooby 3 advice calls for a request no servlet runs (Jooby's Netty and Undertow servers): Jooby's
 * {@code Context} crosses as an {@code Object}, only {@code java.base} types cross the bridge. On Jooby's servlet
 * (Jetty) the advice reports to {@link HttpServerHooks} instead. Until the recorder is installed every hook does
 * nothing.
 */
public abstract class JoobyServerHooks {
    public static final HookSlot<JoobyServerHooks> SLOT = new HookSlot<>(new JoobyServerHooks() {
    });

    /**
     * Jooby's router runs the request of {@code context} (its matched {@code route}'s pattern, null when no route
     * matched): it starts, current on this thread until {@link #executed}, and ends once Jooby has sent its
     * response. Returns the token for {@link #executed}, or null to ignore the request.
     */
    public Object executing(Object context, String method, String path, String traceparent, String tracestate,
                            String route) {
        return null;
    }

    /** The router's call for the request of {@code token} returned; the request may go on elsewhere. */
    public void executed(Object token) {
    }

    /**
     * Jooby hands {@code action}, more of the request of {@code context}, to a worker thread: returns what to run
     * instead, the action with the request current while it runs, or {@code action} itself.
     */
    public Runnable dispatching(Object context, Runnable action) {
        return action;
    }

    /** Jooby answers {@code error}, a handler's exception, for the request of {@code context}. */
    public void failed(Object context, Throwable error) {
    }
}
