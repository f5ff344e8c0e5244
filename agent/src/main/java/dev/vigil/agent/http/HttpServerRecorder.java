package dev.vigil.agent.http;

import dev.vigil.agent.core.AgentThread;
import dev.vigil.agent.core.bridge.HookErrors;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.metrics.ErrorTypes;
import dev.vigil.agent.core.metrics.HttpMethods;
import dev.vigil.agent.core.metrics.LabelLimiter;
import dev.vigil.agent.core.metrics.LatencyBuckets;
import dev.vigil.agent.core.metrics.MetricNames;
import dev.vigil.agent.core.metrics.SeriesLimit;
import dev.vigil.agent.http.bridge.HttpServerHooks;
import dev.vigil.agent.traces.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Turns server requests into {@code http_server_request_duration_seconds}. Knows nothing of servlets
 * or Byte Buddy: instrumentation hands it strings, a status and a throwable.
 */
public final class HttpServerRecorder extends HttpServerHooks implements ServerRequests {
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final String NOT_FOUND = RouteTable.NOT_FOUND;
    private static final String[] STATUS = new String[600];
    /** Slots of {@link #recent}, the label sets recorded last (a power of two). */
    private static final int RECENT_SLOTS = 64;

    static {
        for (int i = 100; i < STATUS.length; i++) {
            STATUS[i] = Integer.toString(i);
        }
    }

    private final MeterRegistry registry;
    private final Duration[] buckets = LatencyBuckets.asArray(LatencyBuckets.HTTP);
    private final RouteTable routes;
    private final LabelLimiter errorTypes;
    private final ThreadLocal<ServerRequest> current = new ThreadLocal<>();
    private final SeriesLimit<Key, Timer> timers;
    private final Recent[] recent = new Recent[RECENT_SLOTS];

    record Key(String method, String route, int status, String errorType) {
        /** Past the series cap: the status (and whether it failed) stay, so error rates stay true. */
        Key overflow() {
            return new Key(MetricNames.OTHER, MetricNames.OTHER, status, errorType.isEmpty() ? "" : MetricNames.OTHER);
        }

        // Written out: a record's own equals and hashCode link through method handles on their first call, which
        // would be the application's first request.
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && status == key.status && Objects.equals(method, key.method)
                    && Objects.equals(route, key.route) && Objects.equals(errorType, key.errorType);
        }

        @Override
        public int hashCode() {
            return ((Objects.hashCode(method) * 31 + Objects.hashCode(route)) * 31 + status) * 31 + Objects.hashCode(errorType);
        }
    }

    private final Tracing tracing;
    /** Spans leave the process: only then are their name and attributes worth setting (and allocating). */
    private final boolean spansExported;
    private volatile RequestListener[] listeners = new RequestListener[0];
    /** The reactive request a trace context belongs to (see {@link #start(String, String, String, String, boolean)}). */
    private static final ContextKey<ServerRequest> REACTIVE_REQUEST = ContextKey.named("vigil-reactive-request");
    /** Whether any request travels in its context: until one does, {@link #current} asks nothing more of the thread. */
    private volatile boolean carried;
    /** Whether any request has started: an application that serves without one has a server we do not see. */
    private volatile boolean anyRequest;

    public HttpServerRecorder(MeterRegistry registry, int maxRoutes) {
        this(registry, maxRoutes, null);
    }

    /** With the default caps of templates and series and no declared routes (tests, benchmarks). */
    public HttpServerRecorder(MeterRegistry registry, int maxRoutes, Tracing tracing) {
        this(registry, new Limits(Setting.HTTP_MAX_TEMPLATES.defaultInt(), maxRoutes,
                Setting.METRICS_MAX_SERIES.defaultInt(), List.of()), tracing);
    }

    public HttpServerRecorder(MeterRegistry registry, Limits limits, Tracing tracing) {
        this.registry = registry;
        this.tracing = tracing;
        this.spansExported = tracing != null && tracing.exportsSpans();
        String metric = MetricNames.prometheus(MetricNames.HTTP_SERVER_DURATION) + "_seconds";
        this.routes = new RouteTable(registry, metric, limits.maxTemplates, limits.maxPaths, limits.declaredRoutes);
        this.errorTypes = LabelLimiter.of(registry, metric, MetricNames.ERROR_TYPE, 64);
        this.timers = SeriesLimit.of(registry, metric, limits.maxSeries, Key::overflow, this::register);
    }

    /**
     * The caps: framework templates, normalised paths that answered 2xx/3xx, series of the histogram; and
     * the route templates the user declared for paths no framework routes.
     */
    public record Limits(int maxTemplates, int maxPaths, int maxSeries, List<String> declaredRoutes) {
    }


    @Override
    public synchronized void onEnd(RequestListener listener) {
        RequestListener[] more = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        more[listeners.length] = listener;
        listeners = more;
    }

    /** Whether any request of the application has started. */
    boolean anyRequest() {
        return anyRequest;
    }

    @Override
    public void declareRoute(String template) {
        routes.declare(template);
    }

    @Override
    public <T> T current(RequestSlot<T> slot) {
        ServerRequest request = current.get();
        if (request == null && carried) {
            // A reactive request's work on another thread (a Reactor scheduler, an executor): its
            // trace context came along and names it.
            request = Context.current().get(REACTIVE_REQUEST);
            if (request != null && request.ended()) {
                return null;
            }
        }
        return request == null ? null : request.slot(slot);
    }

    /** {@code slot} of the request {@code token} (from {@link #current()}), or null for another token. */
    public <T> T slot(Object token, RequestSlot<T> slot) {
        return token instanceof ServerRequest request ? request.slot(slot) : null;
    }

    @Override
    public boolean running() {
        return current.get() != null;
    }

    /** Returns the request token, or null when a request is already running on this thread (a nested filter or handler). */
    public Object start(String method, String rawPath) {
        return start(method, rawPath, null, null);
    }

    /**
     * As {@link #start(String, String)}, continuing the caller's trace from its W3C headers; malformed
     * headers start a fresh trace. The SERVER span is current on this thread until the request ends.
     */
    @Override
    public Object start(String method, String rawPath, String traceparent, String tracestate) {
        return start(method, rawPath, traceparent, tracestate, false);
    }

    /**
     * As {@link #start(String, String, String, String)}, for a server that hands the request to other threads
     * after the call that started it returns (Vert.x, and Quarkus' worker threads on it): the request also
     * travels in its trace context, so the statements and calls made there count to it.
     */
    public Object startCarried(String method, String rawPath, String traceparent, String tracestate) {
        return start(method, rawPath, traceparent, tracestate, true);
    }

    /**
     * As {@link #start(String, String, String, String)}; a {@code reactive} request also travels in its trace
     * context, so that its work on other threads (where the context follows it) finds it in {@link #current}.
     */
    ServerRequest start(String method, String rawPath, String traceparent, String tracestate, boolean reactive) {
        // The agent's own endpoint serves scrapes on its threads: those are not the application's requests.
        if (current.get() != null || AgentThread.isCurrent()) {
            return null;
        }
        ServerRequest request = new ServerRequest(System.nanoTime(), method, rawPath);
        if (!anyRequest) {
            anyRequest = true;
        }
        if (tracing != null) {
            Context parent = tracing.extract(traceparent, tracestate);
            request.span = tracing.startServerSpan(parent, HttpMethods.normalize(method));
            Context context = parent.with(request.span);
            if (reactive) {
                context = context.with(REACTIVE_REQUEST, request);
                carried = true;
            }
            request.context = context;
            request.scope = context.makeCurrent();
        }
        current.set(request);
        return request;
    }

    /**
     * A running request's work is back on a server thread (a reactive server read more of its body): it is
     * current there, as at its start, until {@link #detach}. False if it has ended or another request is current.
     */
    boolean resume(ServerRequest request) {
        if (request.ended() || current.get() != null) {
            return false;
        }
        if (request.context != null) {
            request.scope = request.context.makeCurrent();
        }
        current.set(request);
        return true;
    }

    /** The request no longer runs on this thread (ended, or went asynchronous). */
    void detach(ServerRequest request) {
        if (current.get() == request) {
            // Emptied, not removed: the thread's next request then finds its entry instead of adding it again.
            current.set(null);
            if (request.scope != null) {
                request.scope.close();
                request.scope = null;
            }
        }
    }

    @Override
    public void end(Object token, Object route, int status, Throwable error) {
        if (!(token instanceof ServerRequest request)) {
            return;
        }
        try {
            record(request, route, status, error);
        } finally {
            detach(request);
        }
    }

    /**
     * As {@link #end}, for a server that routes requests itself (Vert.x Web): a template a framework reported
     * while the request ran (a JAX-RS resource on Quarkus) names the request more precisely than the server's
     * own route for it, and wins.
     */
    public void endRouted(Object token, String serverRoute, int status, Throwable error) {
        boolean framework = token instanceof ServerRequest request && request.frameworkRoute != null;
        end(token, framework ? null : serverRoute, status, error);
    }

    /**
     * The request goes on without this thread (an event loop handed it to the application and moves on); it
     * ends later by {@link #end}, on whichever thread completes it.
     */
    public void suspend(Object token) {
        if (token instanceof ServerRequest request) {
            detach(request);
        }
    }

    /** The handler returned with the request still running asynchronously: finish it when the container completes it. */
    @Override
    public Object async(Object token, Object route, Class<?> listenerType, Object response) {
        if (!(token instanceof ServerRequest request)) {
            return null;
        }
        Object listener;
        try {
            listener = AsyncCompletion.listener(this, request, route, listenerType, response);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // The advice then ends the request as it returns: counted, only not timed to its async completion.
            HookErrors.report(e, "http");
            return null;
        }
        detach(request);
        return listener;
    }

    /** The request running on this thread, as a token for {@link #end} and {@link #route(Object, String)}; or null. */
    public Object current() {
        return current.get();
    }

    /**
     * {@code token}'s framework template, from any thread, replacing one reported before (a sub-resource's
     * route extends its locator's).
     */
    public void route(Object token, String template) {
        if (token instanceof ServerRequest request) {
            request.frameworkRoute = template;
        }
    }

    @Override
    public void route(String template) {
        ServerRequest request = current.get();
        if (request != null && request.frameworkRoute == null) {
            request.frameworkRoute = template;
        }
    }

    @Override
    public void answered(Throwable error) {
        ServerRequest request = current.get();
        if (request != null && request.answered == null) {
            request.answered = error;
        }
    }

    void record(ServerRequest request, Object route, int status, Throwable error) {
        record(request, route, status, error, null);
    }

    /**
     * As {@link #record(ServerRequest, Object, int, Throwable)}; {@code failure}, when not null, is the
     * {@code error_type} of a request that ended without an exception or a status to name it (the client
     * went away before any answer).
     */
    void record(ServerRequest request, Object route, int status, Throwable error, String failure) {
        if (!request.end()) {
            return;
        }
        long nanos = System.nanoTime() - request.startNanos;
        if (error != null) {
            // The container turns an escaping exception into a 500 after we see it.
            status = 500;
        }
        Throwable answered = request.answered;
        String errorType = error != null ? errorTypes.limit(ErrorTypes.of(error))
                : status >= 500 && status < 600 ? answered != null ? errorTypes.limit(ErrorTypes.of(answered)) : STATUS[status]
                : failure != null ? failure : "";
        String template = route != null ? route.toString()
                : request.frameworkRoute != null ? withApplicationPath(request.frameworkRoute, request.rawPath) : null;
        String routeLabel = routes.route(template, request.rawPath, status);
        Recent series = series(HttpMethods.normalize(request.method), routeLabel, status, errorType);
        Key key = series.key;
        Timer timer = series.timer;
        Span span = request.span;
        if (span == null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        } else {
            // Recorded with the span current, so the bucket's exemplar points at this request's trace. On the
            // thread the request runs on (the usual end) its context is current already.
            if (current.get() == request) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            } else {
                try (Scope ignored = span.makeCurrent()) {
                    timer.record(nanos, TimeUnit.NANOSECONDS);
                }
            }
            if (spansExported) {
                endSpan(span, key, request.rawPath, error);
            } else {
                span.end(); // kept for its IDs only (log lines, exemplars, downstream calls): nobody reads the rest
            }
        }
        // Last: the request's own series and span are recorded whatever a listener does.
        request.recordedAs(key.method, routeLabel, status, error != null);
        for (RequestListener listener : listeners) {
            listener.ended(request);
        }
    }

    /**
     * The series of a request's labels. The labels of the requests just recorded are held by their hash, so a
     * request like one of them takes their key and timer without a new key or a map lookup; a slot holds one
     * immutable pair, overwritten by labels of another hash. The route is one string instance per route
     * ({@link RouteTable}), which makes the comparison short.
     */
    private Recent series(String method, String route, int status, String errorType) {
        int hash = 31 * (31 * (31 * method.hashCode() + route.hashCode()) + status) + errorType.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (RECENT_SLOTS - 1);
        Recent seen = recent[slot];
        if (seen != null && seen.key.status == status && seen.key.route.equals(route) && seen.key.method.equals(method)
                && seen.key.errorType.equals(errorType)) {
            return seen;
        }
        Key key = new Key(method, route, status, errorType);
        Recent made = new Recent(key, timers.get(key));
        recent[slot] = made;
        return made;
    }

    private record Recent(Key key, Timer timer) {
    }

    private static void endSpan(Span span, Key key, String rawPath, Throwable error) {
        boolean routed = !RouteTable.isFixed(key.route);
        span.updateName(routed ? key.method + " " + key.route : key.method);
        span.setAttribute(METHOD, key.method);
        if (routed) {
            span.setAttribute(ROUTE, key.route);
        }
        span.setAttribute(STATUS_CODE, (long) key.status);
        if (rawPath != null) {
            // Path parameters (;jsessionid=...) are credentials, not path.
            int cut = rawPath.indexOf(';');
            span.setAttribute(PATH, cut < 0 ? rawPath : rawPath.substring(0, cut));
        }
        if (!key.errorType.isEmpty()) {
            span.setAttribute(ERROR_TYPE, key.errorType);
        }
        if (key.status >= 500 || error != null) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /**
     * A JAX-RS template is relative to the application path (servlet mapping, {@code @ApplicationPath}),
     * which the resource class does not know: take the request path's leading segments that the template
     * does not cover, normalised like any path ({@code /api} + {@code /orders/{id}}).
     */
    static String withApplicationPath(String template, String rawPath) {
        int templateSegments = segments(template);
        int pathSegments = segments(rawPath);
        if (rawPath == null || pathSegments <= templateSegments) {
            return template;
        }
        int keep = pathSegments - templateSegments;
        int end = 0;
        for (int seen = 0; end < rawPath.length(); seen++) {
            while (end < rawPath.length() && rawPath.charAt(end) == '/') {
                end++;
            }
            if (seen == keep) {
                break;
            }
            while (end < rawPath.length() && rawPath.charAt(end) != '/') {
                end++;
            }
        }
        String prefix = RouteNormalizer.normalize(rawPath.substring(0, end));
        return "/".equals(prefix) ? template : prefix + ("/".equals(template) ? "" : template);
    }

    private static int segments(String path) {
        if (path == null) {
            return 0;
        }
        int count = 0;
        boolean inSegment = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                break;
            }
            if (c == '/') {
                inSegment = false;
            } else if (!inSegment) {
                inSegment = true;
                count++;
            }
        }
        return count;
    }

    private Timer register(Key key) {
        String status = key.status >= 100 && key.status < 600 ? STATUS[key.status] : MetricNames.OTHER;
        return Timer.builder(MetricNames.HTTP_SERVER_DURATION)
                .description("Duration of HTTP server requests")
                .tag(MetricNames.HTTP_REQUEST_METHOD, key.method)
                .tag(MetricNames.HTTP_ROUTE, key.route)
                .tag(MetricNames.HTTP_RESPONSE_STATUS_CODE, status)
                .tag(MetricNames.ERROR_TYPE, key.errorType)
                .serviceLevelObjectives(buckets)
                .register(registry);
    }
}
