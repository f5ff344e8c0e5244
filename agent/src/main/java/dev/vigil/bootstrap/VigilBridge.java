package dev.vigil.bootstrap;

/**
 * The one class that advice inlined into application code calls. It is appended to the bootstrap
 * class path, so it resolves from every class loader (Spring Boot's launcher, Tomcat's web-app
 * loaders, plain class paths) while the agent itself, behind {@link BridgeHooks}, stays in its own
 * loader with its shaded dependencies.
 *
 * <p>Each method is one field read and one virtual call: advice stays thin and the JIT inlines this.
 */
public final class VigilBridge {
    private static volatile BridgeHooks hooks = BridgeHooks.NOOP;

    private VigilBridge() {
    }

    public static void install(BridgeHooks agentHooks) {
        hooks = agentHooks == null ? BridgeHooks.NOOP : agentHooks;
    }

    public static Object httpStart(String method, String rawPath, String traceparent, String tracestate) {
        return hooks.httpStart(method, rawPath, traceparent, tracestate);
    }

    public static void httpEnd(Object request, Object route, int status, Throwable error) {
        hooks.httpEnd(request, route, status, error);
    }

    public static Object httpAsync(Object request, Object route, Class<?> listenerType, Object response) {
        return hooks.httpAsync(request, route, listenerType, response);
    }

    public static void httpRoute(String template) {
        hooks.httpRoute(template);
    }

    public static Object taskSubmitted(Object task) {
        return hooks.taskSubmitted(task);
    }

    public static Object taskStart(Object task) {
        return hooks.taskStart(task);
    }

    public static void taskEnd(Object scope) {
        hooks.taskEnd(scope);
    }

    public static Object outgoingHttpRequest(Object request) {
        return hooks.outgoingHttpRequest(request);
    }

    public static String[] outgoingTraceHeaders() {
        return hooks.outgoingTraceHeaders();
    }

    public static java.util.Map<String, String> withTraceFields(java.util.Map<String, String> mdc) {
        return hooks.withTraceFields(mdc);
    }

    public static String[] traceFields() {
        return hooks.traceFields();
    }

    public static void poolAcquired(Object dataSource, long nanos, Throwable error) {
        hooks.poolAcquired(dataSource, nanos, error);
    }

    public static Object jdbcStart(Object statement, String sql) {
        return hooks.jdbcStart(statement, sql);
    }

    public static void jdbcEnd(Object call, Throwable error) {
        hooks.jdbcEnd(call, error);
    }

    public static void jdbcBatchEnd(Object call, int batchSize, Throwable error) {
        hooks.jdbcBatchEnd(call, batchSize, error);
    }

    public static void jdbcPrepared(Object statement, String sql) {
        hooks.jdbcPrepared(statement, sql);
    }

    public static void jdbcAddBatch(Object statement, String sql) {
        hooks.jdbcAddBatch(statement, sql);
    }

    public static boolean isActive() {
        return hooks.isActive();
    }

    public static void businessEvent(String name, String[] attributes, boolean success) {
        hooks.businessEvent(name, attributes, success);
    }

    public static void methodExit(int pointcut, long startNanos, Throwable thrown) {
        hooks.methodExit(pointcut, startNanos, thrown);
    }

    public static Object methodEnter(int pointcut, Object self, Object[] arguments) {
        return hooks.methodEnter(pointcut, self, arguments);
    }

    public static void methodReturn(int pointcut, Object call, Object self, Object returned, Throwable thrown) {
        hooks.methodReturn(pointcut, call, self, returned, thrown);
    }

    public static boolean wantsLogEvent(String logger) {
        return hooks.wantsLogEvent(logger);
    }

    public static void logEvent(String logger, Object event) {
        hooks.logEvent(logger, event);
    }

    public static void taskQueued(Object task) {
        hooks.taskQueued(task);
    }

    public static void workerStart(Object task) {
        hooks.workerStart(task);
    }

    public static void workerEnd() {
        hooks.workerEnd();
    }
}
