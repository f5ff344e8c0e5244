package dev.vigil.agent.http;

import dev.vigil.agent.core.FeatureApi;

/**
 * What other features may know of the server requests, published by the HTTP server feature: each
 * request's end (with its route), and a value of their own kept on the request while it runs (the
 * database feature's tally of the request's statements).
 */
@FeatureApi
public interface ServerRequests {
    /** Tells {@code listener} of every request's end, after the request's own series and span are recorded. */
    void onEnd(RequestListener listener);

    /**
     * The value {@code slot} keeps on the request running on this thread, made on first use; null
     * outside a request. Follows the request across an asynchronous hand-off of its end.
     */
    <T> T current(RequestSlot<T> slot);

    /**
     * Declares {@code template} ({@code /checkout}, {@code /orders/{id}}) a route of the application, for
     * paths no framework routes: a matching request is counted under it whatever it answers, as if the
     * user had listed it in {@code vigil.http.routes}.
     */
    void declareRoute(String template);
}
