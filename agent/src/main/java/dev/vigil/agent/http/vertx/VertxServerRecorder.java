package dev.vigil.agent.http.vertx;

import dev.vigil.agent.core.WeakIdentityMap;
import dev.vigil.agent.http.HttpServerRecorder;
import dev.vigil.agent.http.bridge.VertxServerHooks;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;

/**
 * Follows each Vert.x request from its head to the end of its response and hands it to the HTTP server's
 * recorder. While the event loop runs the application's handler the request is that thread's (its span
 * current, its statements counted); after that it is found by Vert.x's request object, on whatever thread
 * ends it. The tasks the application leaves on the request's Vert.x context (a timer, a future's listener) run
 * in the request's trace, so their log lines carry its {@code trace_id}.
 */
public final class VertxServerRecorder extends VertxServerHooks {
    private final HttpServerRecorder requests;
    private final WeakIdentityMap<Exchange> running = new WeakIdentityMap<>();
    /** The request this thread began and is still handing to its handler. */
    private final ThreadLocal<Object> dispatching = new ThreadLocal<>();
    /** The exception Vert.x Web is answering on this thread. */
    private final ThreadLocal<Throwable> failure = new ThreadLocal<>();
    /** Each request's Vert.x context, with the trace context its callbacks run in. */
    private final WeakIdentityMap<Context> traced = new WeakIdentityMap<>();
    /** Whether any dispatch may have begun with a request's context (so its end has a scope to close). */
    private volatile boolean everTraced;
    /** The tasks of traced Vert.x contexts running on this thread, innermost first. */
    private final ThreadLocal<ArrayDeque<Dispatch>> dispatches = ThreadLocal.withInitial(ArrayDeque::new);

    /** A task of a request's Vert.x context, running with the request's trace context current. */
    private record Dispatch(Object vertxContext, Scope scope) {
    }

    /** A request in flight: the recorder's token, and the route Vert.x Web matched so far. */
    private static final class Exchange {
        final Object token;
        final MatchedRoute route;
        /** The Vert.x context the request's trace was bound to, and that trace: unbound when the request ends. */
        volatile Object vertxContext;
        volatile Context traced;

        Exchange(Object token, String rawPath) {
            this.token = token;
            this.route = new MatchedRoute(rawPath);
        }
    }

    public VertxServerRecorder(HttpServerRecorder requests) {
        this.requests = requests;
    }

    @Override
    public void begin(Object request, String method, String rawPath, String traceparent, String tracestate) {
        // A pipelined request begins outside handleMessage (when the one before it completes): whatever request
        // this thread began before is handed over by now, and must not look like a request still running here.
        dispatched();
        // Carried: its handler may run on a worker thread (Quarkus' blocking methods) or in later callbacks.
        Object token = requests.startCarried(method, rawPath, traceparent, tracestate);
        if (token != null) {
            running.put(request, new Exchange(token, rawPath));
            dispatching.set(token);
        }
    }

    @Override
    public void runsOn(Object request, Object vertxContext) {
        // The request's trace context is current here now (begin just started it), if tracing is on.
        Context context = Context.current();
        Exchange exchange = vertxContext == null || context == Context.root() ? null : running.get(request);
        if (exchange != null) {
            traced.put(vertxContext, context);
            exchange.traced = context;
            exchange.vertxContext = vertxContext;
            if (!everTraced) {
                everTraced = true;
            }
        }
    }

    @Override
    public void dispatchBegins(Object vertxContext) {
        Context context = traced.isEmpty() ? null : traced.get(vertxContext);
        if (context != null) {
            dispatches.get().push(new Dispatch(vertxContext, context.makeCurrent()));
        }
    }

    @Override
    public void dispatchEnds(Object vertxContext) {
        // Not traced.isEmpty(): a request that ended meanwhile took its context out, and the dispatch begun
        // with it must still be closed here.
        if (!everTraced) {
            return;
        }
        // Only a task that began with its trace ends with it: a context traced while its task ran has nothing to undo.
        ArrayDeque<Dispatch> open = dispatches.get();
        Dispatch innermost = open.peek();
        if (innermost != null && innermost.vertxContext() == vertxContext) {
            open.pop().scope().close();
        }
    }

    @Override
    public void routed(Object request, String route) {
        Exchange exchange = running.get(request);
        if (exchange != null) {
            exchange.route.matched(route);
        }
    }

    @Override
    public void dispatched() {
        Object token = dispatching.get();
        if (token != null) {
            dispatching.remove();
            requests.suspend(token);
        }
    }

    @Override
    public void failing(Throwable failure) {
        if (failure == null) {
            this.failure.remove();
        } else {
            this.failure.set(failure);
        }
    }

    @Override
    public void ended(Object request, int status, Throwable error) {
        Exchange exchange = running.remove(request);
        if (exchange != null) {
            // Its callbacks from here on are no longer the request's (a fire-and-forget timer logs without its
            // trace); kept until the garbage collector found the context, the trace and the request outlived
            // it, tens of MB copied by each young collection of a busy server.
            // Only while it is still this request's: a Vert.x context shared by requests holds the latest one.
            Object vertxContext = exchange.vertxContext;
            if (vertxContext != null) {
                traced.remove(vertxContext, exchange.traced);
            }
            // A failure handler may answer an exception with a 4xx: only a 5xx takes the exception as its error.
            Throwable cause = error != null ? error : status >= 500 ? failure.get() : null;
            requests.endRouted(exchange.token, exchange.route.route(status), status, cause);
        }
    }
}
