package dev.vigil.agent.httpclient;

import dev.vigil.agent.core.WeakIdentityMap;
import dev.vigil.agent.core.metrics.ErrorTypes;
import dev.vigil.agent.core.metrics.HttpMethods;
import dev.vigil.agent.core.metrics.LabelLimiter;
import dev.vigil.agent.core.metrics.LatencyBuckets;
import dev.vigil.agent.core.metrics.MetricNames;
import dev.vigil.agent.core.metrics.SeriesLimit;
import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import dev.vigil.agent.traces.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.HttpURLConnection;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Turns outgoing calls into {@code http_client_request_duration_seconds}, as the OpenTelemetry semantic
 * conventions define it for clients: {@code error_type} is the exception's class when no answer came
 * (refused, timed out) and the status code when the answer is 4xx or 5xx. Knows no client library: the
 * advice hands it a method, a peer, a status and a throwable.
 *
 * <p>The outermost call on a thread is the one counted: a client delegating to itself (overloads, a
 * facade) or to another instrumented client gets a nested token that records nothing.
 */
public final class HttpClientRecorder extends HttpClientHooks {
    private static final Object NESTED = new Object();
    private static final String[] STATUS = new String[600];

    static {
        for (int i = 100; i < STATUS.length; i++) {
            STATUS[i] = Integer.toString(i);
        }
    }

    private final MeterRegistry registry;
    private final Duration[] buckets = LatencyBuckets.asArray(LatencyBuckets.HTTP);
    private final LabelLimiter addresses;
    private final LabelLimiter errorTypes;
    private final SeriesLimit<Key, Timer> timers;
    private final ThreadLocal<ClientCall> active = new ThreadLocal<>();
    private final WeakIdentityMap<ClientCall> connections = new WeakIdentityMap<>();
    private final WeakIdentityMap<RequestClientTime> handedOff = new WeakIdentityMap<>();
    private final WeakIdentityMap<ClientCall> futures = new WeakIdentityMap<>();
    private final Tracing tracing;
    private final boolean clientSpans;
    private final Supplier<RequestClientTime> currentRequest;

    record Key(String method, String address, String port, String status, String errorType) {
        /** Past the series cap: whether calls fail, and how, stays visible. */
        Key overflow() {
            return new Key(MetricNames.OTHER, MetricNames.OTHER, MetricNames.OTHER, status,
                    errorType.isEmpty() ? "" : MetricNames.OTHER);
        }

        // Written out: a record's own equals and hashCode link through method handles on their first call, which
        // would be on the application's first outgoing call.
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(method, key.method) && Objects.equals(address, key.address)
                    && Objects.equals(port, key.port) && Objects.equals(status, key.status)
                    && Objects.equals(errorType, key.errorType);
        }

        @Override
        public int hashCode() {
            return (((Objects.hashCode(method) * 31 + Objects.hashCode(address)) * 31 + Objects.hashCode(port)) * 31
                    + Objects.hashCode(status)) * 31 + Objects.hashCode(errorType);
        }
    }

    /**
     * @param tracing null when tracing is off: no headers are sent and no span made
     * @param currentRequest the client time of the server request running on this thread, or null outside one
     */
    public HttpClientRecorder(MeterRegistry registry, int maxAddresses, int maxSeries, Tracing tracing,
                              Supplier<RequestClientTime> currentRequest) {
        this.registry = registry;
        this.tracing = tracing;
        // As for JDBC: a CLIENT span per call only when spans go somewhere; otherwise the server span
        // already gives the downstream service its parent.
        this.clientSpans = tracing != null && tracing.exportsSpans();
        this.currentRequest = currentRequest;
        String metric = MetricNames.prometheus(MetricNames.HTTP_CLIENT_DURATION) + "_seconds";
        this.addresses = LabelLimiter.of(registry, metric, MetricNames.SERVER_ADDRESS, maxAddresses);
        this.errorTypes = LabelLimiter.of(registry, metric, MetricNames.ERROR_TYPE, 64);
        this.timers = SeriesLimit.of(registry, metric, maxSeries, Key::overflow, this::register);
    }

    /**
     * Whether the call comes from the agent's own libraries (the OTLP exporters send with the JDK client):
     * those are not the application's dependencies. Read from the nearest frames, once per call; a call is
     * a network round trip, next to which the walk costs nothing.
     */
    static boolean calledByTheAgent() {
        return CALLERS.walk(frames -> frames.limit(AGENT_FRAMES).anyMatch(frame -> frame.getClassName().startsWith(SHADED)));
    }

    private static final StackWalker CALLERS = StackWalker.getInstance();
    private static final int AGENT_FRAMES = 24;
    private static final String SHADED = "dev.vigil.agent.shaded.";

    @Override
    public Object start(String method, String scheme, String host, int port) {
        if (active.get() != null) {
            return NESTED;
        }
        if (calledByTheAgent()) {
            return null;
        }
        ClientCall call = newCall(method, scheme, host, port, currentRequest.get());
        active.set(call);
        return call;
    }

    @Override
    public void handOff(Object call) {
        RequestClientTime request = currentRequest.get();
        if (request != null) {
            handedOff.put(call, request);
        }
    }

    @Override
    public Object startHandedOff(Object libraryCall, String method, String scheme, String host, int port) {
        if (active.get() != null) {
            return NESTED;
        }
        if (calledByTheAgent()) {
            return null;
        }
        RequestClientTime request = handedOff.isEmpty() ? null : handedOff.remove(libraryCall);
        ClientCall call = newCall(method, scheme, host, port, request != null ? request : currentRequest.get());
        active.set(call);
        return call;
    }

    @Override
    public Object startFuture(Object future, String method, String scheme, String host, int port) {
        if (future == null || futures.get(future) != null || calledByTheAgent()) {
            return null;
        }
        ClientCall call = newCall(method, scheme, host, port, currentRequest.get());
        futures.put(future, call);
        return call;
    }

    @Override
    public void futureCompletes(Object future, int status, Throwable error, boolean cancelled) {
        ClientCall call = futures.isEmpty() ? null : futures.get(future);
        if (call == null || cancelled && call.responded > 0) {
            return; // answered already: the call ends with its body (responseEnded)
        }
        futures.remove(future);
        finish(call, status > 0 ? status : call.responded, cancelled ? new CancellationException() : error);
    }

    @Override
    public void alias(Object other, Object future) {
        ClientCall call = other == null || futures.isEmpty() ? null : futures.get(future);
        if (call != null && !call.ended()) {
            futures.put(other, call);
        }
    }

    @Override
    public String[] traceHeadersOf(Object future) {
        return futures.isEmpty() ? null : traceHeaders(futures.get(future));
    }

    @Override
    public void responded(Object future, int status) {
        ClientCall call = futures.isEmpty() ? null : futures.get(future);
        if (call != null && status > 0) {
            call.responded = status;
        }
    }

    @Override
    public Object resumeContext(Object future) {
        ClientCall call = futures.isEmpty() ? null : futures.get(future);
        if (call == null || call.context == null || call.context == Context.current()) {
            return null;
        }
        return call.context.makeCurrent();
    }

    @Override
    public void leaveContext(Object scope) {
        if (scope instanceof Scope open) {
            open.close();
        }
    }

    @Override
    public void responseEnded(Object future, Throwable error) {
        ClientCall call = futures.isEmpty() ? null : futures.get(future);
        if (call != null && call.responded > 0) {
            futures.remove(future);
            finish(call, call.responded, error);
        }
    }

    private ClientCall newCall(String method, String scheme, String host, int port, RequestClientTime request) {
        String methodLabel = HttpMethods.normalize(method == null ? "GET" : method);
        String address = host == null || host.isEmpty() ? MetricNames.OTHER : addresses.limit(host.toLowerCase(Locale.ROOT));
        String portLabel = Integer.toString(port > 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80);
        Span span = clientSpans && Span.current().getSpanContext().isValid()
                ? tracing.tracer().spanBuilder(methodLabel).setSpanKind(SpanKind.CLIENT).startSpan() : null;
        return new ClientCall(methodLabel, address, portLabel, span, tracing == null ? null : Context.current(), request);
    }

    @Override
    public String[] traceHeaders(Object token) {
        if (tracing == null || !(token instanceof ClientCall call)) {
            return null;
        }
        String[] headers = new String[2];
        Context context = call.span != null ? call.context.with(call.span) : call.context;
        tracing.inject(context, (name, value) -> headers["traceparent".equals(name) ? 0 : 1] = value);
        return headers[0] == null ? null : headers;
    }

    @Override
    public String[] currentTraceHeaders() {
        return traceHeaders(active.get());
    }

    @Override
    public Object withTraceHeaders(Object token, Object request) {
        if (!(request instanceof HttpRequest original) || original.headers().firstValue("traceparent").isPresent()) {
            return request;
        }
        String[] headers = traceHeaders(token);
        if (headers == null) {
            return request;
        }
        HttpRequest.Builder copy = HttpRequest.newBuilder(original, (name, value) -> true);
        copy.header("traceparent", headers[0]);
        if (headers[1] != null && original.headers().firstValue("tracestate").isEmpty()) {
            copy.header("tracestate", headers[1]);
        }
        return copy.build();
    }

    @Override
    public void end(Object token, int status, Throwable error) {
        if (token instanceof ClientCall call) {
            leave(call);
            finish(call, status, error);
        }
    }

    @Override
    public Object endAsync(Object token, Object future, Throwable error) {
        if (!(token instanceof ClientCall call)) {
            return future;
        }
        leave(call);
        if (error != null || !(future instanceof CompletableFuture<?> pending)) {
            finish(call, 0, error);
            return future;
        }
        RecordedFuture<Object> recorded = new RecordedFuture<>(pending);
        pending.whenComplete((response, failure) -> {
            try {
                finish(call, response instanceof HttpResponse<?> answer ? answer.statusCode() : 0, failure);
            } finally {
                recorded.completeLike(response, failure);
            }
        });
        return recorded;
    }

    @Override
    public Object enterConnection(Object connection, boolean connected) {
        if (active.get() != null || !(connection instanceof HttpURLConnection http)) {
            return NESTED;
        }
        ClientCall call = connections.get(http);
        if (call == null) {
            if (connected) {
                return NESTED; // connected before the agent came
            }
            java.net.URL url = http.getURL();
            call = newCall(http.getRequestMethod(), url.getProtocol(), url.getHost(), url.getPort(), currentRequest.get());
            connections.put(http, call);
            if (http.getRequestProperty("traceparent") == null) {
                String[] headers = traceHeaders(call);
                if (headers != null) {
                    http.setRequestProperty("traceparent", headers[0]);
                    if (headers[1] != null && http.getRequestProperty("tracestate") == null) {
                        http.setRequestProperty("tracestate", headers[1]);
                    }
                }
            }
        }
        active.set(call);
        return call;
    }

    @Override
    public void exitConnection(Object token, boolean read, int status, Throwable error) {
        if (!(token instanceof ClientCall call)) {
            return;
        }
        leave(call);
        if (call.ended()) {
            return;
        }
        if (read && status > 0) {
            finish(call, status, null); // a 4xx or 5xx makes getInputStream throw: the answer is the status
        } else if (read || error != null) {
            finish(call, 0, error);
        }
    }

    private void leave(ClientCall call) {
        if (active.get() == call) {
            active.set(null); // the entry stays for the thread's next call
        }
    }

    void finish(ClientCall call, int status, Throwable error) {
        if (!call.end()) {
            return;
        }
        long nanos = System.nanoTime() - call.startNanos;
        String statusLabel = status >= 100 && status < 600 ? STATUS[status] : "";
        String errorType = error != null ? errorTypes.limit(ErrorTypes.of(error))
                : status >= 400 ? statusLabel : "";
        Key key = new Key(call.method, call.address, call.port, statusLabel, errorType);
        Timer timer = timers.get(key);
        if (call.span == null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        } else {
            try (Scope ignored = call.span.makeCurrent()) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
            endSpan(call.span, key, status);
        }
        if (call.requestTime != null) {
            call.requestTime.add(nanos);
        }
    }

    private static void endSpan(Span span, Key key, int status) {
        span.setAttribute("http.request.method", key.method);
        span.setAttribute("server.address", key.address);
        span.setAttribute("server.port", Long.parseLong(key.port));
        if (status > 0) {
            span.setAttribute("http.response.status_code", status);
        }
        if (!key.errorType.isEmpty()) {
            span.setAttribute("error.type", key.errorType);
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    private Timer register(Key key) {
        return Timer.builder(MetricNames.HTTP_CLIENT_DURATION)
                .description("Duration of outgoing HTTP calls, until the response arrived (Reactor Netty: its body)")
                .tag(MetricNames.HTTP_REQUEST_METHOD, key.method)
                .tag(MetricNames.SERVER_ADDRESS, key.address)
                .tag(MetricNames.SERVER_PORT, key.port)
                .tag(MetricNames.HTTP_RESPONSE_STATUS_CODE, key.status)
                .tag(MetricNames.ERROR_TYPE, key.errorType)
                .serviceLevelObjectives(buckets)
                .register(registry);
    }
}
