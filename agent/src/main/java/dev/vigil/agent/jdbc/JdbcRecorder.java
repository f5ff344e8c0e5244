package dev.vigil.agent.jdbc;

import dev.vigil.agent.core.AgentThread;
import dev.vigil.agent.core.WeakIdentityMap;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.metrics.ErrorTypes;
import dev.vigil.agent.core.metrics.LabelLimiter;
import dev.vigil.agent.core.metrics.LatencyBuckets;
import dev.vigil.agent.core.metrics.MetricNames;
import dev.vigil.agent.core.metrics.SeriesLimit;
import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import dev.vigil.agent.jdbc.explain.IndexAudit;
import dev.vigil.agent.traces.Tracing;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Turns JDBC executions into {@code db_client_operation_duration_seconds}. The SQL is reduced to its
 * shape ({@link SqlSanitizer}) before anything else sees it: no literal reaches a label or a log.
 *
 * <p>One {@link Call} per thread is reused for every execution (no allocation per query); its depth
 * is the re-entrance guard that counts a driver calling its own execute, or a pool proxy calling the
 * driver, once.
 */
public final class JdbcRecorder extends JdbcHooks {
    static final int SHAPE_CACHE_MAX = 4096;
    private static final Object NESTED = new Object();

    private final MeterRegistry registry;
    private final Duration[] buckets = LatencyBuckets.asArray(LatencyBuckets.DB);
    private final LabelLimiter collections;
    private final LabelLimiter errorTypes;
    private final LabelLimiter operations;
    private final ThreadLocal<Call> calls = ThreadLocal.withInitial(Call::new);
    private final WeakIdentityMap<SqlShape> prepared = new WeakIdentityMap<>();
    private final WeakIdentityMap<SqlShape> batches = new WeakIdentityMap<>();
    /** Vert.x SQL client queries: a query object is made per SQL text and client, and may run many times. */
    private final WeakIdentityMap<NamedQuery> clientQueries = new WeakIdentityMap<>();
    private final Map<String, SqlShape> shapes = new ConcurrentHashMap<>();
    private final SeriesLimit<Key, Timer> timers;
    private final SeriesLimit<Key, DistributionSummary> batchSizes;

    record Key(String system, String operation, String collection, String errorType) {
        /** Past the series cap: the database and whether it failed stay. */
        Key overflow() {
            return new Key(system, MetricNames.OTHER, MetricNames.OTHER, errorType.isEmpty() ? "" : MetricNames.OTHER);
        }

        // Written out: a record's own equals and hashCode link through method handles on their first call, and
        // that first call is the application's first statement. The same for the other recorders' keys.
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(system, key.system) && Objects.equals(operation, key.operation)
                    && Objects.equals(collection, key.collection) && Objects.equals(errorType, key.errorType);
        }

        @Override
        public int hashCode() {
            return ((Objects.hashCode(system) * 31 + Objects.hashCode(operation)) * 31 + Objects.hashCode(collection)) * 31
                    + Objects.hashCode(errorType);
        }
    }

    /** A Vert.x SQL client query's statement shape and the database of the client that made it. */
    private record NamedQuery(SqlShape shape, String system) {
    }

    /** A shape's series, kept on the shape: the same statement on the same database goes to the same timer. */
    private record Recorded(Key key, Timer timer) {
    }

    static final class Call {
        /** A {@code prepareStatement} runs on this thread: one nested in it (the driver's, under a pool's proxy) is not remembered. */
        boolean preparing;
        int depth;
        Object statement;
        Object innermost;
        String sql;
        /** The first SQL a nested execution brought under an outer one that had none (a prepared statement's). */
        String nestedSql;
        long startNanos;
        Span span;
    }

    private final Tracing tracing;
    private final boolean clientSpans;
    private volatile DbInsight dbInsight;
    private volatile IndexAudit audit;

    public JdbcRecorder(MeterRegistry registry, int maxCollections) {
        this(registry, maxCollections, null);
    }

    public JdbcRecorder(MeterRegistry registry, int maxCollections, Tracing tracing) {
        this(registry, maxCollections, Setting.METRICS_MAX_SERIES.defaultInt(), tracing);
    }

    public JdbcRecorder(MeterRegistry registry, int maxCollections, int maxSeries, Tracing tracing) {
        this.registry = registry;
        this.tracing = tracing;
        // A CLIENT span per statement is only worth its cost when it goes somewhere: with no exporter the
        // request's SERVER span already gives logs, exemplars and downstream calls their trace.
        this.clientSpans = tracing != null && tracing.exportsSpans();
        String metric = MetricNames.prometheus(MetricNames.DB_CLIENT_DURATION) + "_seconds";
        this.collections = LabelLimiter.of(registry, metric, MetricNames.DB_COLLECTION_NAME, maxCollections);
        this.errorTypes = LabelLimiter.of(registry, metric, MetricNames.ERROR_TYPE, 64);
        // Unknown leading keywords of odd SQL become the operation; capped like any other label.
        this.operations = LabelLimiter.of(registry, metric, MetricNames.DB_OPERATION_NAME, 64);
        this.timers = SeriesLimit.of(registry, metric, maxSeries, Key::overflow, this::timer);
        this.batchSizes = SeriesLimit.of(registry, MetricNames.prometheus(MetricNames.DB_BATCH_SIZE), maxSeries,
                Key::overflow, this::batchSize);
    }


    /** Also tell {@code insight} about each execution. */
    public void reportQueriesTo(DbInsight insight) {
        this.dbInsight = insight;
    }

    /** Also hand the index audit the executions it wants. */
    public void auditWith(IndexAudit indexAudit) {
        this.audit = indexAudit;
    }

    @Override
    public Object start(Object statement, String sql) {
        if (AgentThread.isCurrent()) {
            return null; // the index audit's own EXPLAINs
        }
        Call call = calls.get();
        if (call.depth > 0) {
            call.depth++;
            if (sql == null || call.sql != null) {
                call.innermost = statement; // a pool's proxy calling its driver, a driver calling its own execute
            } else if (call.nestedSql == null) {
                // SQL of its own under a prepared execution: the driver's own query (sqlite-jdbc reads the generated
                // keys so), not the statement's; it names the execution only if the prepared shape is unknown.
                call.nestedSql = sql;
            }
            return NESTED;
        }
        call.statement = statement;
        call.innermost = statement;
        call.sql = sql;
        // A CLIENT span only inside a trace (a request): start-up DDL and pool checks make no root spans.
        // Made before the depth is set, so a failure here cannot leave the guard closed.
        call.span = clientSpans && Span.current().getSpanContext().isValid()
                ? tracing.tracer().spanBuilder("db").setSpanKind(SpanKind.CLIENT).startSpan() : null;
        call.depth = 1;
        call.startNanos = System.nanoTime();
        return call;
    }

    @Override
    public void end(Object token, Throwable error) {
        finish(token, -1, error);
    }

    @Override
    public void endBatch(Object token, int size, Throwable error) {
        finish(token, size < 0 ? 0 : size, error);
    }

    private void finish(Object token, int batchSize, Throwable error) {
        if (token == NESTED) {
            calls.get().depth--;
            return;
        }
        if (!(token instanceof Call call)) {
            return;
        }
        long nanos = System.nanoTime() - call.startNanos;
        call.depth = 0;
        Object statement = call.statement;
        Object innermost = call.innermost;
        String sql = call.sql;
        String nestedSql = call.nestedSql;
        Span span = call.span;
        call.statement = null;
        call.innermost = null;
        call.sql = null;
        call.nestedSql = null;
        call.span = null;

        SqlShape shape = sql != null ? shape(sql) : shapeOf(statement, innermost, batchSize >= 0);
        if (shape == null && nestedSql != null) {
            shape = shape(nestedSql);
        }
        record(shape, DbSystems.of(innermost.getClass()), nanos, error, batchSize, span, sql, statement, innermost);
    }

    /**
     * One execution's series, span, insight and audit. {@code statement} and {@code innermost} are a JDBC call's
     * (null for an R2DBC execution, which has no connection to ask and no plan to explain).
     */
    void record(SqlShape shape, String system, long nanos, Throwable error, int batchSize, Span span, String sql,
                Object statement, Object innermost) {
        boolean plain = shape != null && error == null && batchSize < 0;
        Key key;
        Timer timer;
        if (plain && shape.recorded instanceof Recorded last && last.key.system.equals(system)) {
            key = last.key;
            timer = last.timer;
        } else {
            String operation = shape == null ? "" : operations.limit(shape.operation());
            if (batchSize >= 0) {
                operation = operation.isEmpty() ? "BATCH" : "BATCH " + operation;
            }
            key = new Key(system, operation, shape == null ? "" : collections.limit(shape.collection()),
                    error == null ? "" : errorTypes.limit(ErrorTypes.of(error)));
            timer = timers.get(key);
            if (plain) {
                shape.recorded = new Recorded(key, timer);
            }
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
        if (span != null) {
            endSpan(span, key, shape, batchSize);
        }
        DbInsight insight = dbInsight;
        if (insight != null) {
            insight.onQuery(shape,
                    key.system, key.operation, key.collection, nanos,
                    error == null && batchSize < 0 && "SELECT".equals(key.operation) ? innermost : null);
        }
        IndexAudit indexAudit = audit;
        if (indexAudit != null && statement != null && shape != null && error == null && batchSize < 0) {
            indexAudit.ran(shape.statement());
            if (indexAudit.wants(shape.statement())) {
                indexAudit.executed(shape.statement(), key.operation, key.system, key.collection, sql, statement, innermost);
            }
        }
        if (batchSize >= 0) {
            if (statement != null) {
                batches.remove(statement);
            }
            Key sizeKey = new Key(key.system, key.operation, key.collection, "");
            batchSizes.get(sizeKey).record(batchSize);
        }
    }

    @Override
    public Object executingReactive(Object statement) {
        if (AgentThread.isCurrent()) {
            return null;
        }
        Call call = calls.get();
        if (call.depth > 0) {
            call.depth++;
            call.innermost = statement; // a proxy's statement handing the call to the driver's
            return NESTED;
        }
        call.statement = statement;
        call.innermost = statement;
        call.depth = 1;
        return call;
    }

    /** What a reactive execution ran on: the statement or query called, and the innermost one under it. */
    private record Opened(Object statement, Object innermost) {
    }

    /**
     * Opens again the guard that {@link #executingReactive} closed with {@code token}: null for a nested call (one
     * level less) or none, else what the outermost call ran on.
     */
    private Opened reopen(Object token) {
        if (token == NESTED) {
            calls.get().depth--;
            return null;
        }
        if (!(token instanceof Call call)) {
            return null;
        }
        Opened opened = new Opened(call.statement, call.innermost);
        call.depth = 0;
        call.statement = null;
        call.innermost = null;
        return opened;
    }

    @Override
    public Object executedReactive(Object token, Object publisher, String declaredType) {
        Opened opened = reopen(token);
        if (opened == null || publisher == null) {
            return publisher;
        }
        Object statement = opened.statement;
        Object innermost = opened.innermost;
        SqlShape shape = shapeOf(statement, innermost, false);
        // An R2DBC statement is executed and dropped, never closed: what was remembered of it goes now.
        closed(statement);
        if (innermost != statement) {
            closed(innermost);
        }
        return ReactiveExecution.timed(publisher, declaredType, this, shape, DbSystems.of(innermost.getClass()));
    }

    @Override
    public Object traced(Object publisher, String declaredType) {
        return publisher == null || AgentThread.isCurrent() ? publisher : ReactiveExecution.traced(publisher, declaredType);
    }

    @Override
    public void clientQuery(Object client, Object query, String sql) {
        if (client != null && query != null && sql != null) {
            clientQueries.put(query, new NamedQuery(shape(sql), VertxSqlFutures.system(client)));
        }
    }

    @Override
    public void derivedQuery(Object query, Object derived) {
        if (derived != null && derived != query) {
            NamedQuery named = clientQueries.get(query);
            if (named != null) {
                clientQueries.put(derived, named);
            }
        }
    }

    @Override
    public void executedFuture(Object token, Object future, int batchSize) {
        Opened opened = reopen(token);
        if (opened == null || future == null) {
            return;
        }
        Object query = opened.statement;
        Object innermost = opened.innermost;
        NamedQuery named = clientQueries.get(query);
        if (named == null && innermost != query) {
            named = clientQueries.get(innermost);
        }
        VertxSqlFutures.whenComplete(future, this, named == null ? null : named.shape,
                named == null ? DbSystems.of(query.getClass()) : named.system, batchSize);
    }

    @Override
    public Object callbackExecuting(Object token, Object callback, int batchSize) {
        if (!(token instanceof Call call) || callback == null) {
            return callback;
        }
        try {
            Object query = call.statement;
            NamedQuery named = clientQueries.get(query);
            return VertxSqlFutures.beforeCallback(callback, this, named == null ? null : named.shape,
                    named == null ? DbSystems.of(query.getClass()) : named.system, batchSize);
        } catch (RuntimeException | LinkageError e) {
            return callback; // the guard is opened again by callbackExecuted all the same
        }
    }

    @Override
    public void callbackExecuted(Object token) {
        reopen(token);
    }

    /** A CLIENT span for an execution under {@code parent} when spans are exported and it has a trace, else null. */
    Span clientSpan(io.opentelemetry.context.Context parent) {
        return clientSpans && Span.fromContext(parent).getSpanContext().isValid()
                ? tracing.tracer().spanBuilder("db").setParent(parent).setSpanKind(SpanKind.CLIENT).startSpan() : null;
    }

    private SqlShape shapeOf(Object statement, Object innermost, boolean batch) {
        SqlShape shape = prepared.get(statement);
        if (shape == null && innermost != statement) {
            shape = prepared.get(innermost);
        }
        if (shape == null && batch) {
            shape = batches.get(statement);
            if (shape == null && innermost != statement) {
                shape = batches.get(innermost);
            }
        }
        return shape;
    }

    private static void endSpan(Span span, Key key, SqlShape shape, int batchSize) {
        span.updateName(key.collection.isEmpty() ? (key.operation.isEmpty() ? key.system : key.operation)
                : key.operation + " " + key.collection);
        span.setAttribute("db.system.name", key.system);
        if (!key.operation.isEmpty()) {
            span.setAttribute("db.operation.name", key.operation);
        }
        if (!key.collection.isEmpty()) {
            span.setAttribute("db.collection.name", key.collection);
        }
        if (shape != null && !shape.statement().isEmpty()) {
            span.setAttribute("db.query.text", shape.statement()); // sanitised: no literal in it
        }
        if (batchSize >= 0) {
            span.setAttribute("db.operation.batch.size", batchSize);
        }
        if (!key.errorType.isEmpty()) {
            span.setAttribute("error.type", key.errorType);
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    @Override
    public Object preparing() {
        Call call = calls.get();
        if (call.preparing) {
            return null;
        }
        call.preparing = true;
        return call;
    }

    @Override
    public void prepared(Object token, Object statement, String sql) {
        if (token instanceof Call call) {
            call.preparing = false;
            prepared(statement, sql);
        }
    }

    /** {@code statement} was prepared with {@code sql}: its executions are named by its shape. */
    public void prepared(Object statement, String sql) {
        if (statement != null && sql != null) {
            SqlShape shape = shape(sql);
            prepared.put(statement, shape);
            IndexAudit indexAudit = audit;
            if (indexAudit != null && indexAudit.wants(shape.statement()) && !AgentThread.isCurrent()) {
                indexAudit.prepared(statement, sql);
            }
        }
    }

    @Override
    public void connected(Object driver, String url, Properties info, Object connection) {
        IndexAudit indexAudit = audit;
        if (indexAudit != null) {
            indexAudit.connected(driver, url, info, connection);
        }
    }

    @Override
    public boolean capturingParameters() {
        IndexAudit indexAudit = audit;
        return indexAudit != null && indexAudit.capturing();
    }

    @Override
    public void parameter(Object statement, int index, Object value) {
        IndexAudit indexAudit = audit;
        if (indexAudit != null) {
            indexAudit.parameter(statement, index, value);
        }
    }

    /** A plain statement's batch: its first SQL names the batch (its operation and table). */
    @Override
    public void addBatch(Object statement, String sql) {
        if (statement != null && sql != null && batches.get(statement) == null) {
            batches.put(statement, shape(sql));
        }
    }

    /**
     * Forgotten as the statement closes, so the map holds the open statements only: it would otherwise grow
     * by every statement prepared since the last GC, and each insert would land in a large table.
     */
    @Override
    public void closed(Object statement) {
        if (statement != null) {
            if (!prepared.isEmpty()) {
                prepared.remove(statement);
            }
            if (!batches.isEmpty()) {
                batches.remove(statement);
            }
        }
    }

    /** Shapes are cached by SQL text up to a fixed size; random SQL beyond it is shaped each time, never kept. */
    SqlShape shape(String sql) {
        SqlShape shape = shapes.get(sql);
        if (shape == null) {
            shape = SqlSanitizer.shape(sql);
            if (shapes.size() < SHAPE_CACHE_MAX) {
                shapes.put(sql, shape);
            }
        }
        return shape;
    }

    /** Statements whose SQL is remembered (test). */
    int preparedStatements() {
        return prepared.size();
    }

    int cachedShapes() {
        return shapes.size();
    }

    private Timer timer(Key key) {
        return Timer.builder(MetricNames.DB_CLIENT_DURATION)
                .description("Duration of database client operations")
                .tag(MetricNames.DB_SYSTEM_NAME, key.system)
                .tag(MetricNames.DB_OPERATION_NAME, key.operation)
                .tag(MetricNames.DB_COLLECTION_NAME, key.collection)
                .tag(MetricNames.ERROR_TYPE, key.errorType)
                .serviceLevelObjectives(buckets)
                .register(registry);
    }

    private DistributionSummary batchSize(Key key) {
        return DistributionSummary.builder(MetricNames.DB_BATCH_SIZE)
                .description("Statements per executed JDBC batch")
                .tag(MetricNames.DB_SYSTEM_NAME, key.system)
                .tag(MetricNames.DB_OPERATION_NAME, key.operation)
                .tag(MetricNames.DB_COLLECTION_NAME, key.collection)
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000)
                .register(registry);
    }
}
