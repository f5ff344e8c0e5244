package dev.vigil.agent;

import dev.vigil.agent.http.HttpServerRecorder;
import dev.vigil.agent.jdbc.JdbcRecorder;
import dev.vigil.agent.metrics.AgentErrors;
import dev.vigil.bootstrap.BridgeHooks;

/**
 * The agent's side of the bridge: routes each hook to its recorder and makes sure nothing the agent
 * does can throw into the application. A recorder that is switched off is simply absent.
 */
final class AgentHooks extends BridgeHooks {
    private final HttpServerRecorder http;
    private final JdbcRecorder jdbc;
    private final AgentErrors errors;

    AgentHooks(HttpServerRecorder http, JdbcRecorder jdbc, AgentErrors errors) {
        this.http = http;
        this.jdbc = jdbc;
        this.errors = errors;
    }

    @Override
    public Object httpStart(String method, String rawPath) {
        if (http == null) {
            return null;
        }
        try {
            return http.start(method, rawPath);
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
