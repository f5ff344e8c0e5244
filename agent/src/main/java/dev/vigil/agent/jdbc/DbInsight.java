package dev.vigil.agent.jdbc;

import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.log.AgentLog;
import dev.vigil.agent.core.metrics.LatencyBuckets;
import dev.vigil.agent.core.metrics.MetricNames;
import dev.vigil.agent.core.metrics.SeriesLimit;
import dev.vigil.agent.jdbc.ownership.DataOwnership;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the database does for each request: statements and database time per request, N+1 patterns
 * (the same statement shape run again and again in one request), slow statements, and the most
 * expensive statement shapes. Fed by the JDBC recorder after each execution and by the HTTP recorder
 * when a request ends; knows nothing of JDBC or servlets itself.
 */
public final class DbInsight {
    private static final double[] QUERY_COUNT_BUCKETS = {1, 2, 3, 5, 8, 10, 15, 20, 30, 50, 100, 200, 500, 1000};

    private final MeterRegistry registry;
    private final int nPlusOneThreshold;
    private final long slowNanos;
    private final StatementStats statements;
    private final ReplicaCandidates replicaCandidates = new ReplicaCandidates();
    private final Supplier<RequestQueries> currentRequest;
    private final SeriesLimit<String, DistributionSummary> queriesPerRequest;
    private final SeriesLimit<String, Timer> dbTimePerRequest;
    private final SeriesLimit<List<String>, Counter> nPlusOne;
    private final SeriesLimit<List<String>, Counter> slowQueries;
    private volatile RecentEvents recentEvents;
    private volatile DataOwnership ownership;

    public DbInsight(MeterRegistry registry, int nPlusOneThreshold, long slowMillis, int topStatements,
                     Supplier<RequestQueries> currentRequest) {
        this(registry, nPlusOneThreshold, slowMillis, topStatements, Setting.METRICS_MAX_SERIES.defaultInt(), currentRequest);
    }

    public DbInsight(MeterRegistry registry, int nPlusOneThreshold, long slowMillis, int topStatements, int maxSeries,
                     Supplier<RequestQueries> currentRequest) {
        this.registry = registry;
        this.queriesPerRequest = SeriesLimit.of(registry, MetricNames.prometheus(MetricNames.DB_QUERIES_PER_REQUEST),
                maxSeries, route -> MetricNames.OTHER, this::queriesPerRequestSummary);
        this.dbTimePerRequest = SeriesLimit.of(registry, MetricNames.prometheus(MetricNames.DB_TIME_PER_REQUEST) + "_seconds",
                maxSeries, route -> MetricNames.OTHER, this::dbTimeTimer);
        this.nPlusOne = SeriesLimit.of(registry, MetricNames.prometheus(MetricNames.DB_N_PLUS_ONE) + "_total", maxSeries,
                key -> List.of(MetricNames.OTHER, MetricNames.OTHER), this::nPlusOneCounter);
        this.slowQueries = SeriesLimit.of(registry, MetricNames.prometheus(MetricNames.DB_SLOW_QUERIES) + "_total",
                maxSeries, key -> List.of(key.get(0), MetricNames.OTHER, MetricNames.OTHER), this::slowCounter);
        this.nPlusOneThreshold = nPlusOneThreshold;
        this.slowNanos = TimeUnit.MILLISECONDS.toNanos(slowMillis);
        this.statements = new StatementStats(topStatements);
        this.currentRequest = currentRequest;
    }

    /** Reads outside a transaction per route and table. */
    public ReplicaCandidates replicaCandidates() {
        return replicaCandidates;
    }

    public StatementStats statements() {
        return statements;
    }

    /**
     * Attribute each statement to the module whose code ran it, and tell it each request's database time per
     * module when the request ends; nothing by default.
     */
    public void attributeWith(DataOwnership dataOwnership) {
        this.ownership = dataOwnership;
    }

    /** Where N+1 and slow-query events also go, besides the log (the overview page); none by default. */
    public void reportEventsTo(RecentEvents recentEvents) {
        this.recentEvents = recentEvents;
    }

    private void remember(Map<String, Object> fields) {
        RecentEvents sink = recentEvents;
        if (sink != null) {
            sink.add(fields);
        }
    }

    /** One JDBC execution (a batch counts once) has finished. */
    public void onQuery(String statement, String system, String operation, String collection, long nanos) {
        onQuery(statement, system, operation, collection, nanos, null);
    }

    /**
     * As above; {@code read}: the driver's statement of a successful SELECT, else null. Inside a request, a
     * read whose connection is in auto-commit (outside any transaction) is a read replica candidate; the
     * connection is asked only then, not for every statement.
     */
    public void onQuery(String statement, String system, String operation, String collection, long nanos,
                        Object read) {
        onQuery(null, statement, system, operation, collection, nanos, read);
    }

    /**
     * What this instance keeps of one statement shape, on the shape itself: a shape's executions then reach
     * its statistics entry and its ownership sites without looking its text up in either map.
     */
    private static final class Kept {
        final DbInsight owner;
        volatile StatementStats.Entry entry;
        volatile DataOwnership.Sites sites;

        Kept(DbInsight owner) {
            this.owner = owner;
        }
    }

    /** As {@link #onQuery(String, String, String, String, long, Object)}, for an execution of {@code shape}. */
    void onQuery(SqlShape shape, String system, String operation, String collection, long nanos, Object read) {
        String statement = shape == null || shape.statement().isEmpty() ? null : shape.statement();
        Kept kept = null;
        if (statement != null) {
            kept = shape.insight instanceof Kept mine && mine.owner == this ? mine : null;
            if (kept == null) {
                kept = new Kept(this);
                shape.insight = kept;
            }
        }
        onQuery(kept, statement, system, operation, collection, nanos, read);
    }

    private void onQuery(Kept kept, String statement, String system, String operation, String collection, long nanos,
                         Object read) {
        if (statement != null) {
            StatementStats.Entry entry = statements.record(kept == null ? null : kept.entry, statement, system,
                    operation, collection, nanos);
            if (kept != null && kept.entry != entry) {
                kept.entry = entry;
            }
        }
        RequestQueries request = currentRequest.get();
        if (request != null) {
            request.add(statement, collection, nanos, read != null && autoCommit(read));
        }
        DataOwnership modules = ownership;
        if (modules != null && statement != null) {
            DataOwnership.Sites sites = null;
            if (kept != null) {
                DataOwnership.Sites earlier = kept.sites;
                sites = modules.sites(earlier);
                if (sites != earlier) {
                    kept.sites = sites;
                }
            }
            // Still on the application's thread, inside its call: the stack shows whose code ran the statement.
            String module = modules.executed(sites, statement, operation.startsWith("BATCH"), request != null,
                    operation, collection, nanos);
            if (module != null && request != null) {
                request.addModuleTime(module, nanos);
            }
        }
        if (nanos >= slowNanos) {
            slowQueries.get(List.of(system, operation, collection)).increment();
            SpanContext span = Span.current().getSpanContext();
            RequestQueries.SlowQuery slow = new RequestQueries.SlowQuery(statement, system, operation, collection,
                    nanos, span.isValid() ? span.getTraceId() : null, span.isValid() ? span.getSpanId() : null);
            if (request != null) {
                request.addSlow(slow); // logged when the request ends, with its route
            } else {
                logSlow(slow, null);
            }
        }
    }

    /** Whether the driver's connection of {@code statement} is in auto-commit: a read outside any transaction. */
    private static boolean autoCommit(Object statement) {
        try {
            return statement instanceof java.sql.Statement jdbc && jdbc.getConnection().getAutoCommit();
        } catch (Exception | LinkageError e) {
            return false; // a closed connection, a driver that cannot tell: not a candidate
        }
    }

    /** A request has ended: its route is known now. */
    public void onRequestEnd(RequestQueries request, String route, Supplier<String> traceId) {
        if (request == null) {
            queriesPerRequest.get(route).record(0);
            return;
        }
        List<RequestQueries.Repeated> repeatedShapes;
        List<RequestQueries.SlowQuery> slow;
        // Read under one hold of the request's lock (its statements may have run on other threads), not one per
        // read: each was a lock taken again, on every request. Logged once the lock is released.
        synchronized (request) {
            queriesPerRequest.get(route).record(request.count());
            dbTimePerRequest.get(route).record(request.nanos(), TimeUnit.NANOSECONDS);
            replicaCandidates.onRequest(route, request);
            DataOwnership modules = ownership;
            if (modules != null) {
                request.forEachModule((module, nanos) -> modules.requestTime(route, module, nanos));
            }
            repeatedShapes = request.repeatedAtLeast(nPlusOneThreshold);
            slow = request.slow();
        }
        // By index: both lists are nearly always empty, and an iterator is made even for an empty one.
        for (int i = 0; i < repeatedShapes.size(); i++) {
            RequestQueries.Repeated repeated = repeatedShapes.get(i);
            nPlusOne.get(List.of(route, repeated.collection())).increment();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("event", "n_plus_one");
            fields.put("http_route", route);
            fields.put("db_collection_name", repeated.collection());
            fields.put("statement", repeated.statement());
            fields.put("count", repeated.count());
            fields.put("trace_id", traceId.get()); // read only when logged: its hex is written on first read
            AgentLog.warn("N+1 queries: the same statement ran " + repeated.count() + " times in one request to "
                    + route, fields);
            remember(fields);
        }
        for (int i = 0; i < slow.size(); i++) {
            logSlow(slow.get(i), route);
        }
    }

    private void logSlow(RequestQueries.SlowQuery slow, String route) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", "slow_query");
        fields.put("statement", slow.statement());
        fields.put("duration_ms", slow.nanos() / 1_000_000.0);
        fields.put("db_system_name", slow.system());
        fields.put("db_operation_name", slow.operation());
        fields.put("db_collection_name", slow.collection());
        fields.put("http_route", route);
        fields.put("trace_id", slow.traceId());
        fields.put("span_id", slow.spanId());
        AgentLog.warn("slow query: " + slow.nanos() / 1_000_000 + " ms", fields);
        remember(fields);
    }

    private DistributionSummary queriesPerRequestSummary(String route) {
        return DistributionSummary.builder(MetricNames.DB_QUERIES_PER_REQUEST)
                .description("Database statements executed per HTTP request (a batch counts once)")
                .tag(MetricNames.HTTP_ROUTE, route)
                .serviceLevelObjectives(QUERY_COUNT_BUCKETS)
                .register(registry);
    }

    private Timer dbTimeTimer(String route) {
        return Timer.builder(MetricNames.DB_TIME_PER_REQUEST)
                .description("Total database time of an HTTP request")
                .tag(MetricNames.HTTP_ROUTE, route)
                .serviceLevelObjectives(LatencyBuckets.asArray(LatencyBuckets.DB))
                .register(registry);
    }

    private Counter nPlusOneCounter(List<String> routeAndCollection) {
        return Counter.builder(MetricNames.DB_N_PLUS_ONE)
                .description("Requests in which one statement shape ran at least vigil.db.n-plus-one.threshold times")
                .tag(MetricNames.HTTP_ROUTE, routeAndCollection.get(0))
                .tag(MetricNames.DB_COLLECTION_NAME, routeAndCollection.get(1))
                .register(registry);
    }

    private Counter slowCounter(List<String> key) {
        return Counter.builder(MetricNames.DB_SLOW_QUERIES)
                .description("Statements slower than vigil.db.slow-query.threshold-ms")
                .tag(MetricNames.DB_SYSTEM_NAME, key.get(0))
                .tag(MetricNames.DB_OPERATION_NAME, key.get(1))
                .tag(MetricNames.DB_COLLECTION_NAME, key.get(2))
                .register(registry);
    }
}
