package dev.vigil.benchmarks;

import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.http.HttpServerRecorder;
import dev.vigil.agent.http.RequestSlot;
import dev.vigil.agent.jdbc.DbInsight;
import dev.vigil.agent.jdbc.JdbcRecorder;
import dev.vigil.agent.jdbc.RequestQueries;
import dev.vigil.agent.jdbc.explain.IndexAudit;
import dev.vigil.agent.jdbc.ownership.CallerStack;
import dev.vigil.agent.jdbc.ownership.DataOwnership;
import dev.vigil.agent.jdbc.ownership.Modules;
import dev.vigil.agent.traces.Tracing;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's own time per HTTP request and per JDBC execution, with tracing on (spans, W3C headers,
 * no exporter) and off: what the bridge hands the recorders, minus the application's work.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar RequestRecordBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestRecordBenchmark {
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Param({"off", "on"})
    public String tracing;

    private HttpServerRecorder http;
    private JdbcRecorder jdbc;
    private JdbcRecorder attributed;
    private JdbcRecorder audited;
    private HttpServerRecorder wiredHttp;
    private JdbcRecorder wiredJdbc;
    private final Object statement = new Object();
    private final Object wiredStatement = new Object();
    private final Object attributedStatement = new Object();

    @Setup(Level.Trial)
    public void setUp() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Tracing traces = "on".equals(tracing)
                ? Tracing.create(VigilConfig.load(Map.of(), Map.of()), Map.of(), Map.of(), registry) : null;
        http = new HttpServerRecorder(registry, 500, traces);
        jdbc = new JdbcRecorder(registry, 200, traces);
        jdbc.prepared(statement, "select o.id, o.name from owners o where o.id = ?");
        // Database insight with data ownership, as the agent runs it: this class is the module "benchmarks".
        attributed = new JdbcRecorder(registry, 200, traces);
        DbInsight insight = new DbInsight(registry, 10, 500, 100, () -> null);
        insight.attributeWith(new DataOwnership(registry, Modules.inferred("dev.vigil"), () -> null, CallerStack.walker(), 1000));
        attributed.reportQueriesTo(insight);
        attributed.prepared(attributedStatement, "select o.id, o.name from owners o where o.id = ?");
        // The index audit on (vigil.db.explain.enabled=true), between two of its rounds: no shape is wanted
        // right now, which is nearly always (one execution per shape per interval is).
        audited = new JdbcRecorder(registry, 200, traces);
        audited.auditWith(new IndexAudit(registry, List::of, 60, 1_000, 1_000, 500));
        audited.prepared(statement, "select o.id, o.name from owners o where o.id = ?");
        wireAsTheAgent(registry, traces);
    }

    /**
     * The HTTP server and JDBC recorders with database insight between them, as the agent's features wire them
     * with the default settings: the request's statements are counted on it and read when it ends (queries and
     * database time per request, N+1 and replica candidates).
     */
    private void wireAsTheAgent(PrometheusMeterRegistry registry, Tracing traces) {
        VigilConfig defaults = VigilConfig.load(Map.of(), Map.of());
        RequestSlot<RequestQueries> queries = RequestSlot.of(RequestQueries::new);
        wiredHttp = new HttpServerRecorder(registry, defaults.integer(Setting.HTTP_MAX_ROUTES), traces);
        DbInsight insight = new DbInsight(registry, defaults.integer(Setting.DB_N_PLUS_ONE_THRESHOLD),
                defaults.integer(Setting.DB_SLOW_QUERY_THRESHOLD_MS), defaults.integer(Setting.DB_TOP_STATEMENTS),
                defaults.integer(Setting.METRICS_MAX_SERIES), () -> wiredHttp.current(queries));
        wiredHttp.onEnd(request -> insight.onRequestEnd(request.get(queries), request.route(), request::traceId));
        wiredJdbc = new JdbcRecorder(registry, defaults.integer(Setting.JDBC_MAX_COLLECTIONS),
                defaults.integer(Setting.METRICS_MAX_SERIES), traces);
        wiredJdbc.reportQueriesTo(insight);
        wiredJdbc.prepared(wiredStatement, "select o.id, o.name from owners o where o.id = ?");
    }

    /** A templated route (Spring MVC, JAX-RS) with its status: the common case. */
    @Benchmark
    public void httpRequestWithRoute() {
        Object request = http.start("GET", "/owners/42", TRACEPARENT, null);
        http.end(request, "/owners/{ownerId}", 200, null);
    }

    /** No framework: the path is normalised on every request. */
    @Benchmark
    public void httpRequestNormalisedPath() {
        Object request = http.start("GET", "/owners/42/pets/7", null, null);
        http.end(request, null, 200, null);
    }

    /** A prepared statement executed inside a request (a CLIENT span when tracing is on). */
    @Benchmark
    public void jdbcExecutionInRequest() {
        Object request = http.start("GET", "/owners/42", TRACEPARENT, null);
        Object call = jdbc.start(statement, null);
        jdbc.end(call, null);
        http.end(request, "/owners/{ownerId}", 200, null);
    }

    /** As above, with the recorders wired as the agent wires them: what a request with one statement costs. */
    @Benchmark
    public void requestWithAStatementAsTheAgentWiresIt() {
        Object request = wiredHttp.start("GET", "/owners/42", TRACEPARENT, null);
        Object call = wiredJdbc.start(wiredStatement, null);
        wiredJdbc.end(call, null);
        wiredHttp.end(request, "/owners/{ownerId}", 200, null);
    }

    /**
     * As below, with database insight and data ownership: the statement's module was found by one stack
     * walk at its first execution, so this measures the steady state (a cache lookup, the counters).
     */
    @Benchmark
    public void jdbcExecutionAttributedToItsModule() {
        Object call = attributed.start(attributedStatement, null);
        attributed.end(call, null);
    }

    /** As {@link #jdbcExecution}, with the index audit on: what it costs every execution. */
    @Benchmark
    public void jdbcExecutionWithTheIndexAuditOn() {
        Object call = audited.start(statement, null);
        audited.end(call, null);
    }

    /** A prepared statement executed outside any request (no span). */
    @Benchmark
    public void jdbcExecution() {
        Object call = jdbc.start(statement, null);
        jdbc.end(call, null);
    }
}
