package dev.vigil.agent;

import dev.vigil.agent.http.HttpServerRecorder;
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
