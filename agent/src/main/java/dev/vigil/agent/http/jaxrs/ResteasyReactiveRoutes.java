package dev.vigil.agent.http.jaxrs;

import dev.vigil.agent.core.WeakIdentityMap;
import dev.vigil.agent.http.EndedRequest;
import dev.vigil.agent.http.HttpServerRecorder;
import dev.vigil.agent.http.RequestSlot;
import dev.vigil.agent.http.bridge.ResteasyReactiveHooks;

/**
 * Names a Quarkus REST request by the resource method it was matched to. The first match happens while the
 * server request is this thread's (the event loop dispatching it); the request is then remembered by RESTEasy
 * Reactive's request context, so a sub-resource matched later, on a worker thread, extends the same route:
 * the locator's template, then the sub-resource method's own path.
 */
public final class ResteasyReactiveRoutes extends ResteasyReactiveHooks {
    /**
     * The request context a request's match is kept under, so that the match goes when the request ends:
     * left to the garbage collector, every match (and the request it names) outlived its request until
     * the next collection, tens of MB copied by each young collection of a busy Quarkus app.
     */
    private static final RequestSlot<Object[]> CONTEXT = RequestSlot.of(() -> new Object[1]);

    private final HttpServerRecorder requests;
    private final WeakIdentityMap<Match> matches = new WeakIdentityMap<>();

    /** The server request a RESTEasy Reactive request context belongs to, and its route so far. */
    private static final class Match {
        final Object token;
        volatile String route;

        Match(Object token) {
            this.token = token;
        }
    }

    public ResteasyReactiveRoutes(HttpServerRecorder requests) {
        this.requests = requests;
        requests.onEnd(this::ended);
    }

    private void ended(EndedRequest request) {
        Object[] context = request.get(CONTEXT);
        if (context != null && context[0] != null) {
            matches.remove(context[0]);
        }
    }

    @Override
    public void matched(Object context, String classPath, String methodPath, boolean subResource) {
        Match match = matches.get(context);
        if (match == null) {
            Object token = requests.current();
            if (token == null) {
                return;
            }
            match = new Match(token);
            matches.put(context, match);
            Object[] kept = requests.slot(token, CONTEXT);
            if (kept != null) {
                kept[0] = context;
            }
        }
        // A method without a @Path of its own has the template "/" in RESTEasy Reactive's model: no segment.
        String own = "/".equals(methodPath) ? null : methodPath;
        String route = subResource && match.route != null ? JaxRsRoutes.join(match.route, own)
                : JaxRsRoutes.join(classPath, own);
        match.route = route;
        requests.route(match.token, route);
    }
}
