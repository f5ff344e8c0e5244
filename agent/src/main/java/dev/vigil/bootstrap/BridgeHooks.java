package dev.vigil.bootstrap;

/**
 * What the agent does when inlined advice calls {@link VigilBridge}. The agent installs a subclass;
 * until then (and when the agent is disabled) every hook is a no-op.
 *
 * <p>Lives on the bootstrap class path, so it may only use {@code java.base} types: servlet, JDBC and
 * HttpServer objects cross this boundary as {@code Object}.
 */
public abstract class BridgeHooks {
    static final BridgeHooks NOOP = new BridgeHooks() {
    };

    /**
     * A server request starts, with its W3C trace headers (null when absent); returns a token for
     * {@link #httpEnd}, or null to ignore the request.
     */
    public Object httpStart(String method, String rawPath, String traceparent, String tracestate) {
        return null;
    }

    /** The request's handler returned or threw. {@code route} is a framework template or null. */
    public void httpEnd(Object request, Object route, int status, Throwable error) {
    }

    /**
     * The handler returned with an asynchronous request still running (Servlet async). Returns an
     * instance of {@code listenerType} (a javax or jakarta {@code AsyncListener}) that will finish the
     * request, or null if it cannot.
     */
    public Object httpAsync(Object request, Object route, Class<?> listenerType, Object response) {
        return null;
    }

    /** A framework has resolved the route template of the request running on this thread. */
    public void httpRoute(String template) {
    }

    /**
     * A task is handed to an executor: returns the task to run instead (a wrapper carrying the current
     * trace context), or the task itself (its context remembered for {@link #taskStart}, or none).
     */
    public Object taskSubmitted(Object task) {
        return task;
    }

    /** A remembered task starts running: returns what {@link #taskEnd} needs, or null. */
    public Object taskStart(Object task) {
        return null;
    }

    public void taskEnd(Object scope) {
    }

    /** A JDK {@code HttpRequest} about to be sent: returns it with the trace headers, or unchanged. */
    public Object outgoingHttpRequest(Object request) {
        return request;
    }

    /** {@code {traceparent, tracestate}} of the current span (tracestate may be null), or null. */
    public String[] outgoingTraceHeaders() {
        return null;
    }

    /** A Logback MDC map with {@code trace_id}, {@code span_id}, {@code trace_flags} added, or the same map. */
    public java.util.Map<String, String> withTraceFields(java.util.Map<String, String> mdc) {
        return mdc;
    }

    /** {@code {trace_id, span_id, trace_flags}} of the current span, or null. */
    public String[] traceFields() {
        return null;
    }

    /** A connection pool ({@code dataSource}) handed out a connection after waiting {@code nanos}, or failed to. */
    public void poolAcquired(Object dataSource, long nanos, Throwable error) {
    }

    public Object jdbcStart(Object statement, String sql) {
        return null;
    }

    public void jdbcEnd(Object call, Throwable error) {
    }

    public void jdbcBatchEnd(Object call, int batchSize, Throwable error) {
    }

    public void jdbcPrepared(Object statement, String sql) {
    }

    public void jdbcAddBatch(Object statement, String sql) {
    }

    /** Whether the agent runs: what {@code Vigil.isActive()} answers. */
    public boolean isActive() {
        return false;
    }

    /** {@code Vigil.event} ({@code success}) or {@code Vigil.failure}, with attributes as name, value pairs or null. */
    public void businessEvent(String name, String[] attributes, boolean success) {
    }

    /** A method of pointcut {@code pointcut}, entered at {@code startNanos}, returned or threw {@code thrown}. */
    public void methodExit(int pointcut, long startNanos, Throwable thrown) {
    }

    /** A method an extension listens to is entered: returns what {@link #methodReturn} needs, or null. */
    public Object methodEnter(int pointcut, Object self, Object[] arguments) {
        return null;
    }

    public void methodReturn(int pointcut, Object call, Object self, Object returned, Throwable thrown) {
    }

    /** Whether a business event is marked by logger {@code logger}: only then is {@link #logEvent} called. */
    public boolean wantsLogEvent(String logger) {
        return false;
    }

    /** A Logback {@code ILoggingEvent} of {@code logger}. */
    public void logEvent(String logger, Object event) {
    }

    /** A task is handed to a {@code ThreadPoolExecutor}: remember the current trace context for it, keep the task as it is. */
    public void taskQueued(Object task) {
    }

    /** A pool worker is about to run {@code task}: make the context it was queued with current. */
    public void workerStart(Object task) {
    }

    /** A pool worker ran its task: restore the worker's own context. */
    public void workerEnd() {
    }
}
