package dev.vigil.agent;

import dev.vigil.agent.events.BusinessEvents;
import dev.vigil.agent.events.LogEvents;
import dev.vigil.agent.events.LogbackEvents;
import dev.vigil.agent.http.HttpServerRecorder;
import dev.vigil.agent.methods.Pointcut;
import dev.vigil.agent.methods.Pointcuts;
import dev.vigil.agent.jdbc.JdbcRecorder;
import dev.vigil.agent.metrics.AgentErrors;
import dev.vigil.agent.pool.PoolMetrics;
import dev.vigil.agent.tracing.ContextPropagation;
import java.util.Map;
import dev.vigil.bootstrap.BridgeHooks;

/**
 * The agent's side of the bridge: routes each hook to its recorder and makes sure nothing the agent
 * does can throw into the application. A recorder that is switched off is simply absent.
 */
final class AgentHooks extends BridgeHooks {
    private final HttpServerRecorder http;
    private final JdbcRecorder jdbc;
    private final AgentErrors errors;
    private final ContextPropagation context;
    private PoolMetrics pools;
    private BusinessEvents events;
    private Pointcuts pointcuts;
    private LogEvents logEvents;

    AgentHooks(HttpServerRecorder http, JdbcRecorder jdbc, AgentErrors errors) {
        this(http, jdbc, null, errors);
    }

    AgentHooks(HttpServerRecorder http, JdbcRecorder jdbc, ContextPropagation context, AgentErrors errors) {
        this.http = http;
        this.jdbc = jdbc;
        this.context = context;
        this.errors = errors;
    }

    @Override
    public Object httpStart(String method, String rawPath, String traceparent, String tracestate) {
        if (http == null) {
            return null;
        }
        try {
            return http.start(method, rawPath, traceparent, tracestate);
        } catch (Throwable t) {
            errors.report("http", t);
            return null;
        }
    }

    @Override
    public void httpEnd(Object request, Object route, int status, Throwable error) {
        if (http == null) {
            return;
        }
        try {
            http.end(request, route, status, error);
        } catch (Throwable t) {
            errors.report("http", t);
        }
    }

    @Override
    public Object httpAsync(Object request, Object route, Class<?> listenerType, Object response) {
        if (http == null) {
            return null;
        }
        try {
            return http.async(request, route, listenerType, response);
        } catch (Throwable t) {
            errors.report("http-async", t);
            return null;
        }
    }

    @Override
    public void httpRoute(String template) {
        if (http == null) {
            return;
        }
        try {
            http.route(template);
        } catch (Throwable t) {
            errors.report("http", t);
        }
    }

    @Override
    public Object taskSubmitted(Object task) {
        if (context == null) {
            return task;
        }
        try {
            return context.taskSubmitted(task);
        } catch (Throwable t) {
            errors.report("executor", t);
            return task;
        }
    }

    @Override
    public void taskQueued(Object task) {
        if (context == null) {
            return;
        }
        try {
            context.taskQueued(task);
        } catch (Throwable t) {
            errors.report("executor", t);
        }
    }

    @Override
    public void workerStart(Object task) {
        if (context == null) {
            return;
        }
        try {
            context.workerStart(task);
        } catch (Throwable t) {
            errors.report("executor", t);
        }
    }

    @Override
    public void workerEnd() {
        if (context == null) {
            return;
        }
        try {
            context.workerEnd();
        } catch (Throwable t) {
            errors.report("executor", t);
        }
    }

    @Override
    public Object taskStart(Object task) {
        if (context == null) {
            return null;
        }
        try {
            return context.taskStart(task);
        } catch (Throwable t) {
            errors.report("executor", t);
            return null;
        }
    }

    @Override
    public void taskEnd(Object scope) {
        if (context == null) {
            return;
        }
        try {
            context.taskEnd(scope);
        } catch (Throwable t) {
            errors.report("executor", t);
        }
    }

    @Override
    public Object outgoingHttpRequest(Object request) {
        if (context == null) {
            return request;
        }
        try {
            return context.outgoingHttpRequest(request);
        } catch (Throwable t) {
            errors.report("http-client", t);
            return request;
        }
    }

    @Override
    public String[] outgoingTraceHeaders() {
        if (context == null) {
            return null;
        }
        try {
            return context.outgoingTraceHeaders();
        } catch (Throwable t) {
            errors.report("http-client", t);
            return null;
        }
    }

    @Override
    public Map<String, String> withTraceFields(Map<String, String> mdc) {
        if (context == null) {
            return mdc;
        }
        try {
            return context.withTraceFields(mdc);
        } catch (Throwable t) {
            errors.report("logging", t);
            return mdc;
        }
    }

    @Override
    public String[] traceFields() {
        if (context == null) {
            return null;
        }
        try {
            return dev.vigil.agent.tracing.Tracing.currentLogFields();
        } catch (Throwable t) {
            errors.report("logging", t);
            return null;
        }
    }

    /** Connection-pool metrics, when JDBC is recorded. */
    AgentHooks withPools(PoolMetrics poolMetrics) {
        this.pools = poolMetrics;
        return this;
    }

    /** Business events: from code, from methods (and extensions' listeners), from log lines. */
    AgentHooks withEvents(BusinessEvents businessEvents, Pointcuts methodPointcuts, LogEvents log) {
        this.events = businessEvents;
        this.pointcuts = methodPointcuts;
        this.logEvents = log;
        return this;
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    public void businessEvent(String name, String[] attributes, boolean success) {
        if (events == null) {
            return;
        }
        try {
            events.record(name, attributes, success);
        } catch (Throwable t) {
            errors.report("events", t, "an event from code was not counted");
        }
    }

    @Override
    public void methodExit(int pointcut, long startNanos, Throwable thrown) {
        try {
            Pointcut target = pointcuts == null ? null : pointcuts.get(pointcut);
            if (target != null) {
                target.listener().exit(null, null, null, thrown, System.nanoTime() - startNanos);
            }
        } catch (Throwable t) {
            errors.report("methods", t);
        }
    }

    @Override
    public Object methodEnter(int pointcut, Object self, Object[] arguments) {
        try {
            Pointcut target = pointcuts == null ? null : pointcuts.get(pointcut);
            if (target == null) {
                return null;
            }
            long start = System.nanoTime();
            return new MethodCall(start, target.listener().enter(self, arguments));
        } catch (Throwable t) {
            errors.report(componentOf(pointcut), t);
            return null;
        }
    }

    @Override
    public void methodReturn(int pointcut, Object call, Object self, Object returned, Throwable thrown) {
        if (!(call instanceof MethodCall started)) {
            return;
        }
        try {
            Pointcut target = pointcuts.get(pointcut);
            target.listener().exit(started.state, self, returned, thrown, System.nanoTime() - started.startNanos);
        } catch (Throwable t) {
            errors.report(componentOf(pointcut), t);
        }
    }

    private String componentOf(int pointcut) {
        Pointcut target = pointcuts == null ? null : pointcuts.get(pointcut);
        return target == null ? "methods" : target.where();
    }

    @Override
    public boolean wantsLogEvent(String logger) {
        LogEvents log = logEvents;
        return log != null && log.wants(logger);
    }

    @Override
    public void logEvent(String logger, Object event) {
        try {
            logEvents.onLog(logger, LogbackEvents.message(event), LogbackEvents.isError(event));
        } catch (Throwable t) {
            errors.report("log-events", t);
        }
    }

    /** A call an extension's listener is timing. */
    private record MethodCall(long startNanos, Object state) {
    }

    @Override
    public void poolAcquired(Object dataSource, long nanos, Throwable error) {
        if (pools == null || error != null) {
            return;
        }
        try {
            pools.acquired(dataSource, nanos);
        } catch (Throwable t) {
            errors.report("hikari", t);
        }
    }

    @Override
    public Object jdbcStart(Object statement, String sql) {
        if (jdbc == null) {
            return null;
        }
        try {
            return jdbc.start(statement, sql);
        } catch (Throwable t) {
            errors.report("jdbc", t);
            return null;
        }
    }

    @Override
    public void jdbcEnd(Object call, Throwable error) {
        if (jdbc == null) {
            return;
        }
        try {
            jdbc.end(call, error);
        } catch (Throwable t) {
            errors.report("jdbc", t);
        }
    }

    @Override
    public void jdbcBatchEnd(Object call, int batchSize, Throwable error) {
        if (jdbc == null) {
            return;
        }
        try {
            jdbc.endBatch(call, batchSize, error);
        } catch (Throwable t) {
            errors.report("jdbc", t);
        }
    }

    @Override
    public void jdbcPrepared(Object statement, String sql) {
        if (jdbc == null) {
            return;
        }
        try {
            jdbc.prepared(statement, sql);
        } catch (Throwable t) {
            errors.report("jdbc", t);
        }
    }

    @Override
    public void jdbcAddBatch(Object statement, String sql) {
        if (jdbc == null) {
            return;
        }
        try {
            jdbc.addBatch(statement, sql);
        } catch (Throwable t) {
            errors.report("jdbc", t);
        }
    }
}
