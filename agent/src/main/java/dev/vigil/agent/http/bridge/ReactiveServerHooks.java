package dev.vigil.agent.http.bridge;

import dev.vigil.agent.core.bridge.HookSlot;
import java.util.Map;

/**
 * What the advice of reactive servers calls (Reactor Netty, Micronaut's Netty server). Their requests do
 * not end when the call that started them returns: the server names each request by its own object for
 * it (the {@code exchange}), and reports its end once the response is written or the connection is gone.
 * On the bootstrap class path, so only {@code java.base} types cross. Until the recorder is installed every
 * hook does nothing.
 */
public abstract class ReactiveServerHooks {
    public static final HookSlot<ReactiveServerHooks> SLOT = new HookSlot<>(new ReactiveServerHooks() {
    });

    /**
     * A request arrives on {@code exchange}, with its request-target ({@code uri}, query string included: the
     * recorder cuts it) and W3C trace headers (null when absent). It is current on this thread until
     * {@link #leave}; returns the token for that, or null to ignore the request.
     */
    public Object arrived(Object exchange, String method, String uri, String traceparent, String tracestate) {
        return null;
    }

    /**
     * More of the request's work runs on this thread (the server hands its body to the application): it is
     * current here until {@link #leave}. Returns the token, or null when {@code exchange} is no running request.
     */
    public Object resume(Object exchange) {
        return null;
    }

    /** The server's call that started or resumed the request returned; the request goes on elsewhere. */
    public void leave(Object token) {
    }

    /**
     * The framework's attributes of the request (Spring WebFlux's exchange attributes): where it puts the
     * route pattern it matched and the exception it turned into an error response, read when the request ends.
     */
    public void attributes(Object exchange, Map<String, Object> attributes) {
    }

    /** The framework has matched the request to the route {@code template}. */
    public void route(Object exchange, String template) {
    }

    /** The framework answers the request for {@code error}, an exception of the application's. */
    public void failed(Object exchange, Throwable error) {
    }

    /** The server starts writing the request's response, with this status. */
    public void responding(Object exchange, int status) {
    }

    /**
     * The request is over: its response written (or the write failed), or its connection closed first
     * ({@code connectionClosed}). {@code responseStarted}: the status line went out, so {@code status} is true.
     * A {@code status} below 0 means the one {@link #responding} reported, if it was.
     */
    public void ended(Object exchange, int status, boolean responseStarted, boolean connectionClosed) {
    }
}
