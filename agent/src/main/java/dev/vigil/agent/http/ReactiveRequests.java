package dev.vigil.agent.http;

import dev.vigil.agent.core.WeakIdentityMap;
import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import dev.vigil.agent.http.webflux.ExchangeAttributes;
import java.util.Map;

/**
 * Requests of reactive servers (Reactor Netty, Micronaut on Netty), which end after the call that started
 * them returns. Each request is kept under the server's own object for it until the server reports its end:
 * its response fully written, or its connection closed, whichever comes first and only that once. The
 * request is current on a server thread while the server runs its work there (its start, its body); its
 * trace context carries it to the other threads of the reactive chain.
 */
final class ReactiveRequests extends ReactiveServerHooks {
    /** The {@code error_type} of a request whose client went away before any answer. */
    static final String CANCELLED = "cancelled";

    private final HttpServerRecorder recorder;
    private final WeakIdentityMap<Running> running = new WeakIdentityMap<>();

    /** What the framework tells of a running request before it ends. */
    private static final class Running {
        final ServerRequest request;
        volatile Map<String, Object> attributes;
        volatile String route;
        /** The status the server started its response with, 0 before it did. */
        volatile int status;
        /** The exception the framework answered for, if it said so. */
        volatile Throwable error;

        Running(ServerRequest request) {
            this.request = request;
        }
    }

    ReactiveRequests(HttpServerRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public Object arrived(Object exchange, String method, String uri, String traceparent, String tracestate) {
        ServerRequest request = recorder.start(method, pathOf(uri), traceparent, tracestate, true);
        if (request != null) {
            running.put(exchange, new Running(request));
        }
        return request;
    }

    @Override
    public Object resume(Object exchange) {
        if (running.isEmpty()) {
            return null;
        }
        Running each = running.get(exchange);
        return each != null && recorder.resume(each.request) ? each.request : null;
    }

    @Override
    public void leave(Object token) {
        if (token instanceof ServerRequest request) {
            recorder.detach(request);
        }
    }

    @Override
    public void attributes(Object exchange, Map<String, Object> attributes) {
        Running each = running.get(exchange);
        if (each != null) {
            each.attributes = attributes;
        }
    }

    @Override
    public void route(Object exchange, String template) {
        Running each = running.get(exchange);
        if (each != null) {
            each.route = template;
        }
    }

    @Override
    public void failed(Object exchange, Throwable error) {
        Running each = running.get(exchange);
        if (each != null) {
            each.error = error;
        }
    }

    @Override
    public void responding(Object exchange, int status) {
        Running each = running.get(exchange);
        if (each != null) {
            each.status = status;
        }
    }

    @Override
    public void ended(Object exchange, int status, boolean responseStarted, boolean connectionClosed) {
        Running each = running.remove(exchange);
        if (each == null) {
            return;
        }
        if (status < 0) {
            status = each.status;
            responseStarted = status > 0;
        }
        String route = each.route;
        Throwable error = null;
        Map<String, Object> attributes = each.attributes;
        if (attributes != null) {
            String matched = ExchangeAttributes.route(attributes);
            route = matched != null ? matched : route;
            error = ExchangeAttributes.handledError(attributes);
        }
        if (error == null) {
            error = each.error;
        }
        if (status < 500) {
            error = null; // an exception answered 4xx (a ResponseStatusException, say) is no server error
        }
        try {
            if (connectionClosed && !responseStarted) {
                recorder.record(each.request, route, 0, null, CANCELLED);
            } else {
                recorder.record(each.request, route, status, error);
            }
        } finally {
            recorder.detach(each.request);
        }
    }

    /** The path of a request-target: no query string or fragment, no scheme and authority (absolute form). */
    static String pathOf(String uri) {
        if (uri == null) {
            return null;
        }
        int start = 0;
        int scheme = uri.indexOf("://");
        if (scheme > 0 && uri.indexOf('/') > scheme) {
            int slash = uri.indexOf('/', scheme + 3);
            if (slash < 0) {
                return "/";
            }
            start = slash;
        }
        int end = uri.length();
        for (int i = start; i < end; i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return start == 0 && end == uri.length() ? uri : uri.substring(start, end);
    }
}
