package dev.vigil.agent.jdbc;

import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.Pages;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import dev.vigil.agent.http.RequestSlot;
import dev.vigil.agent.http.ServerRequests;
import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import dev.vigil.agent.jdbc.bridge.PoolHooks;
import dev.vigil.agent.jdbc.explain.ExplainInstrumentation;
import dev.vigil.agent.jdbc.explain.IndexAudit;
import dev.vigil.agent.jdbc.hikari.HikariInstrumentation;
import dev.vigil.agent.jdbc.ownership.CallerStack;
import dev.vigil.agent.jdbc.ownership.DataOwnership;
import dev.vigil.agent.jdbc.ownership.MainPackage;
import dev.vigil.agent.jdbc.ownership.Module;
import dev.vigil.agent.jdbc.ownership.Modules;
import dev.vigil.agent.jdbc.ownership.ModulesFile;
import dev.vigil.agent.jdbc.r2dbc.R2dbcInstrumentation;
import dev.vigil.agent.jdbc.vertx.VertxSqlInstrumentation;
import dev.vigil.agent.core.config.ConfigProblem;
import dev.vigil.agent.core.log.AgentLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Properties;
import dev.vigil.agent.traces.Tracing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JDBC statements, R2DBC and Vert.x SQL client executions as {@code db_client_operation_duration_seconds} (any
 * driver), database insight per request (queries per request, N+1, slow statements, the most expensive shapes)
 * and HikariCP pools.
 */
public final class JdbcFeature implements Feature {
    /** The statements of the server request running on this thread, kept on the request by the HTTP feature. */
    private static final RequestSlot<RequestQueries> QUERIES = RequestSlot.of(RequestQueries::new);

    private DbInsight insight;
    private RecentEvents recent;
    private IndexAudit audit;
    private DataOwnership ownership;

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public void start(FeatureContext context) {
        VigilConfig config = context.config();
        ServerRequests requests = context.find(ServerRequests.class);
        insight = new DbInsight(context.registry(), config.integer(Setting.DB_N_PLUS_ONE_THRESHOLD),
                config.integer(Setting.DB_SLOW_QUERY_THRESHOLD_MS), config.integer(Setting.DB_TOP_STATEMENTS),
                config.integer(Setting.METRICS_MAX_SERIES), requests == null ? () -> null : () -> requests.current(QUERIES));
        recent = new RecentEvents();
        insight.reportEventsTo(recent);
        if (requests != null) {
            requests.onEnd(request -> insight.onRequestEnd(request.get(QUERIES), request.route(), request::traceId));
        }
        JdbcRecorder recorder = new JdbcRecorder(context.registry(), config.integer(Setting.JDBC_MAX_COLLECTIONS),
                config.integer(Setting.METRICS_MAX_SERIES), context.find(Tracing.class));
        recorder.reportQueriesTo(insight);
        if (config.bool(Setting.DB_EXPLAIN_ENABLED)) {
            StatementStats statements = insight.statements();
            audit = new IndexAudit(context.registry(), () -> statements.top(100),
                    config.integer(Setting.DB_EXPLAIN_INTERVAL_SECONDS), config.integer(Setting.DB_EXPLAIN_MIN_ROWS),
                    config.integer(Setting.DB_EXPLAIN_TIMEOUT_MS), config.integer(Setting.DB_SLOW_QUERY_THRESHOLD_MS));
            recorder.auditWith(audit);
        }
        if (config.bool(Setting.DB_OWNERSHIP_ENABLED)) {
            ownership = new DataOwnership(context.registry(), modules(config), MainPackage::fromMainThread,
                    CallerStack.walker(), config.integer(Setting.METRICS_MAX_SERIES));
            insight.attributeWith(ownership);
        }
        JdbcHooks.SLOT.set(recorder);
        PoolHooks.SLOT.set(new PoolMetrics(context.registry()));
    }

    /** The modules of {@code vigil.yaml}, else those under the configured or the main class's package. */
    private static Modules modules(VigilConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Module> declared = ModulesFile.read(config.yaml(), problems);
        problems.forEach(problem -> AgentLog.error(problem.message()));
        if (!declared.isEmpty()) {
            return Modules.declared(declared);
        }
        String base = config.string(Setting.DB_OWNERSHIP_BASE_PACKAGE);
        if (base.isBlank()) {
            Properties properties = System.getProperties();
            Map<String, String> systemProperties = new HashMap<>();
            for (String name : List.of("sun.java.command", "user.dir", "java.class.path")) {
                String value = properties.getProperty(name);
                if (value != null) {
                    systemProperties.put(name, value);
                }
            }
            base = MainPackage.fromCommandLine(systemProperties);
        }
        return Modules.inferred(base);
    }

    @Override
    public List<TypeInstrumentation> instrumentations(VigilConfig config) {
        return !config.bool(Setting.DB_EXPLAIN_ENABLED)
                ? List.of(new JdbcInstrumentation(), new HikariInstrumentation(), new R2dbcInstrumentation(),
                        new VertxSqlInstrumentation())
                : List.of(new JdbcInstrumentation(true), new HikariInstrumentation(), new R2dbcInstrumentation(),
                        new VertxSqlInstrumentation(), new ExplainInstrumentation());
    }

    @Override
    public void startLater(FeatureContext context) {
        if (audit != null) {
            audit.start();
        }
    }

    @Override
    public void pages(Pages pages) {
        StatementStats statements = insight.statements();
        pages.json("/vigil/queries", () -> Map.of("statements", statements.top(50)));
        IndexAudit indexAudit = audit;
        DataOwnership ownership = this.ownership;
        ReplicaCandidates replicas = insight.replicaCandidates();
        pages.json("/vigil/audit", () -> {
            Map<String, Object> page = new LinkedHashMap<>(indexAudit == null ? AuditPage.notEnabled(statements.top(50)) : indexAudit.page());
            page.put("replica_candidates", replicas.top(50));
            page.put("modules", ownership == null ? Map.of("enabled", false) : ownership.page());
            return page;
        });
        pages.overviewSection("statements", () -> statements.top(OVERVIEW_STATEMENTS));
        pages.overviewSection("events", recent::newestFirst);
    }

    /** Statement shapes on the overview page. */
    static final int OVERVIEW_STATEMENTS = 20;

    @Override
    public void stop() {
        if (audit != null) {
            audit.stop();
        }
        JdbcHooks.SLOT.set(null);
        PoolHooks.SLOT.set(null);
    }
}
