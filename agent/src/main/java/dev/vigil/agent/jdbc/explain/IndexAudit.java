package dev.vigil.agent.jdbc.explain;

import dev.vigil.agent.core.AgentThread;
import dev.vigil.agent.core.WeakIdentityMap;
import dev.vigil.agent.core.log.AgentLog;
import dev.vigil.agent.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The index audit ({@code vigil.db.explain.enabled}): the statement shapes that cost the most time, and
 * every slow one, are explained by the database the application uses, with the parameters of one real
 * execution, at most once per shape per interval, and the plan is read for full scans and sorts.
 *
 * <p>How it stays out of the application's way:
 * <ul>
 *   <li>Only a {@code SELECT} is ever explained, and only by {@code EXPLAIN} (never {@code ANALYZE}): the
 *       statement itself never runs.</li>
 *   <li>On the agent's own connection, opened with the driver, URL and properties the application
 *       connected with (kept in memory only), on the audit's one thread, with a statement timeout, and
 *       closed after each plan: the application's connections and pool are never used.</li>
 *   <li>Parameters are remembered only for the shapes wanted now (usually none: then a JDBC setter costs
 *       one volatile read), only for one execution, in memory, and dropped once explained. No parameter
 *       or literal reaches a page, a series or a log line.</li>
 *   <li>Its thread ends once no statement has run for {@value #IDLE_PICKS} picks (about ten seconds) and
 *       nothing is queued; the next statement starts it again. An idle application keeps no audit thread.</li>
 *   <li>A failure is one log line per shape, naming its exception class and SQL state, never its message
 *       (databases quote values in them).</li>
 * </ul>
 */
public final class IndexAudit {
    private static final int MOST_EXPENSIVE = 20;
    private static final int MAX_FINDINGS = 200;
    private static final int MAX_PARAMETERS = 1000;
    private static final int IDLE_PICKS = 5;

    private final MeterRegistry registry;
    private final Supplier<List<Map<String, Object>>> topStatements;
    private final long intervalNanos;
    private final long minRows;
    private final int timeoutMillis;
    private final double slowSeconds;

    private final WeakIdentityMap<Source> sources = new WeakIdentityMap<>();
    private final WeakIdentityMap<String> rawSql = new WeakIdentityMap<>();
    private final WeakIdentityMap<Object[]> parameters = new WeakIdentityMap<>();
    private volatile Set<String> wanted = Set.of();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> explainedAt = new ConcurrentHashMap<>();
    private final Map<String, Finding> findings = new ConcurrentHashMap<>();
    private final Map<String, Counter> fullScanCounters = new ConcurrentHashMap<>();
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Job> jobs = new ArrayBlockingQueue<>(32);
    private volatile boolean running = true;
    /** Whether the audit's thread is alive (or being started). */
    private final AtomicBoolean working = new AtomicBoolean();
    /** Whether a statement ran since the thread's last pick: written at most once per pick by the application. */
    private volatile boolean ranSincePick;
    private long pickEveryNanos = TimeUnit.SECONDS.toNanos(2);
    /** Makes the audit's thread; tests replace it with one whose start fails. */
    private Function<Runnable, Thread> threads = task -> new AgentThread("vigil-index-audit", task);
    private final AtomicBoolean startFailedOnce = new AtomicBoolean();

    private record Source(Driver driver, String url, Properties info) {
    }

    private record Job(String statement, String system, String collection, String sql, Object[] parameters, Source source) {
    }

    /** One explained shape. */
    record Finding(String statement, String system, String collection, boolean fullScan, boolean sortWithoutIndex,
                   String suggestedIndex, String summary, long tableRows, long explainedAtMillis, String scannedTable) {
    }

    public IndexAudit(MeterRegistry registry, Supplier<List<Map<String, Object>>> topStatements, long intervalSeconds,
                      long minRows, int timeoutMillis, long slowMillis) {
        this.registry = registry;
        this.topStatements = topStatements;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
        this.minRows = minRows;
        this.timeoutMillis = timeoutMillis;
        this.slowSeconds = slowMillis / 1000.0;
    }

    /**
     * Starts the audit's thread: it picks the shapes to explain every few seconds and explains them, and
     * ends once the application has run no statement for a while ({@link #ran} starts it again).
     */
    public void start() {
        wake();
    }

    /** Shorter picks for tests: the thread ends after {@value #IDLE_PICKS} picks without a statement. */
    void pickEvery(long millis) {
        pickEveryNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    void threads(Function<Runnable, Thread> threads) {
        this.threads = threads;
    }

    /** Whether the audit's thread is alive. */
    boolean working() {
        return working.get();
    }

    /**
     * Starts the thread, often on an application's thread (its first statement after an idle spell). A
     * start that fails (no native thread left) leaves the audit asleep, not stuck: the next statement
     * tries again, and the failure is logged once.
     */
    private void wake() {
        if (running && working.compareAndSet(false, true)) {
            try {
                threads.apply(this::run).start();
            } catch (Throwable t) {
                working.set(false);
                ranSincePick = false;
                if (startFailedOnce.compareAndSet(false, true)) {
                    AgentLog.warn("vigil.db.explain: the index audit could not start its thread ("
                            + t.getClass().getName() + "); the next statement tries again");
                }
            }
        }
    }

    public void stop() {
        running = false;
    }

    // ---- called from the JDBC hooks, on the application's threads ----

    /** {@code Driver#connect} returned {@code connection}: remember how to open one like it. */
    public void connected(Object driver, String url, Properties info, Object connection) {
        if (driver instanceof Driver jdbc && url != null && connection != null && !AgentThread.isCurrent()) {
            Properties copy = new Properties();
            if (info != null) {
                copy.putAll(info);
            }
            sources.put(connection, new Source(jdbc, url, copy));
        }
    }

    /** Whether executions of {@code statement} (a shape) are wanted now. */
    public boolean wants(String statement) {
        Set<String> now = wanted;
        return !now.isEmpty() && statement != null && now.contains(statement);
    }

    /** Whether any shape is wanted: parameters are only remembered then. */
    public boolean capturing() {
        return !wanted.isEmpty();
    }

    /** A prepared statement of a wanted shape: its SQL (with its placeholders) is kept until it runs. */
    public void prepared(Object statement, String sql) {
        rawSql.put(statement, sql);
    }

    /** {@code PreparedStatement#setXxx(index, value)}: kept only for statements prepared while their shape was wanted. */
    public void parameter(Object statement, int index, Object value) {
        if (index < 1 || index > MAX_PARAMETERS || rawSql.get(statement) == null) {
            return;
        }
        Object[] values = parameters.get(statement);
        if (values == null || values.length < index) {
            // Exactly as long as the highest index set: the EXPLAIN binds every element.
            Object[] grown = new Object[index];
            if (values != null) {
                System.arraycopy(values, 0, grown, 0, values.length);
            }
            values = grown;
            parameters.put(statement, values);
        }
        values[index - 1] = value == null ? NullValue.INSTANCE : value;
    }

    /** A wanted shape ran on {@code innermost} ({@code sql}: its text when not prepared): queue its plan. */
    public void executed(String statement, String operation, String system, String collection, String sql,
                         Object outer, Object innermost) {
        if (!"SELECT".equals(operation) || system == null || !Dialect.supports(system) || !queued.add(statement)) {
            return;
        }
        boolean handed = false;
        try {
            String text = sql;
            Object[] values = null;
            if (text == null) {
                text = rawSql.remove(innermost);
                values = parameters.remove(innermost);
                if (text == null && outer != innermost) {
                    text = rawSql.remove(outer);
                    values = parameters.remove(outer);
                }
            }
            Source source = innermost instanceof Statement jdbc ? sourceOf(jdbc) : null;
            if (text != null && source != null && isSelect(text)) {
                handed = jobs.offer(new Job(statement, system, collection, text,
                        values == null ? new Object[0] : values.clone(), source));
            }
        } catch (SQLException | RuntimeException e) {
            handed = false;
        } finally {
            if (!handed) {
                queued.remove(statement);
            }
        }
    }

    /**
     * A statement of {@code statement}'s shape ran: counted in {@code vigil_db_full_scans_total} if its plan
     * showed a full scan, and the audit's thread is started if it had ended.
     */
    public void ran(String statement) {
        if (!ranSincePick) {
            ranSincePick = true;
            if (!working.get()) {
                wake();
            }
        }
        if (statement != null && !fullScanCounters.isEmpty()) {
            Counter counter = fullScanCounters.get(statement);
            if (counter != null) {
                counter.increment();
            }
        }
    }

    private Source sourceOf(Statement statement) throws SQLException {
        Connection connection = statement.getConnection();
        Source source = sources.get(connection);
        if (source == null && connection != null && connection.isWrapperFor(Connection.class)) {
            source = sources.get(connection.unwrap(Connection.class));
        }
        return source;
    }

    /** Only a statement that starts with SELECT (after comments and parentheses) and is one statement. */
    static boolean isSelect(String sql) {
        String text = sql.strip();
        while (true) {
            if (text.startsWith("(")) {
                text = text.substring(1).strip();
            } else if (text.startsWith("/*")) {
                int end = text.indexOf("*/");
                if (end < 0) {
                    return false;
                }
                text = text.substring(end + 2).strip();
            } else if (text.startsWith("--")) {
                int end = text.indexOf('\n');
                if (end < 0) {
                    return false;
                }
                text = text.substring(end + 1).strip();
            } else {
                break;
            }
        }
        if (!text.regionMatches(true, 0, "SELECT", 0, 6) || (text.length() > 6 && Character.isLetterOrDigit(text.charAt(6)))) {
            return false;
        }
        String trimmed = text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
        return trimmed.indexOf(';') < 0 && !trimmed.toUpperCase(Locale.ROOT).contains(" INTO ");
    }

    // ---- the audit's thread ----

    private void run() {
        long lastPick = 0;
        int idlePicks = 0;
        while (running) {
            try {
                long now = System.nanoTime();
                if (now - lastPick >= pickEveryNanos) {
                    idlePicks = ranSincePick ? 0 : idlePicks + 1;
                    ranSincePick = false;
                    pickWanted(now);
                    lastPick = now;
                    if (idlePicks >= IDLE_PICKS && jobs.isEmpty() && idle()) {
                        return;
                    }
                }
                Job job = jobs.poll(Math.min(1000, TimeUnit.NANOSECONDS.toMillis(pickEveryNanos)), TimeUnit.MILLISECONDS);
                if (job != null) {
                    explain(job);
                }
            } catch (InterruptedException e) {
                working.set(false);
                return;
            } catch (Throwable t) {
                AgentLog.warn("vigil.db.explain: the index audit skipped a round (" + t.getClass().getName() + ")");
            }
        }
        working.set(false);
    }

    /**
     * The thread is about to end: true if it may, false if a statement ran meanwhile and it goes on (the
     * statement saw it working and did not start another).
     */
    private boolean idle() {
        working.set(false);
        return !ranSincePick || !working.compareAndSet(false, true);
    }

    /** The shapes whose next execution is captured: the costliest SELECTs, on databases whose plans are read. */
    void pickWanted(long now) {
        List<Map<String, Object>> top = topStatements.get();
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            Map<String, Object> entry = top.get(i);
            boolean slow = entry.get("max_seconds") instanceof Number max && max.doubleValue() >= slowSeconds;
            if (i >= MOST_EXPENSIVE && !slow) {
                continue;
            }
            String statement = (String) entry.get("statement");
            Long last = explainedAt.get(statement);
            if ("SELECT".equals(entry.get("db_operation_name")) && entry.get("db_system_name") instanceof String system
                    && Dialect.supports(system) && (last == null || now - last >= intervalNanos)) {
                picked.add(statement);
            }
        }
        wanted = Set.copyOf(picked);
    }

    void explain(Job job) {
        explainedAt.put(job.statement, System.nanoTime());
        queued.remove(job.statement);
        try (Connection connection = job.source.driver.connect(job.source.url, job.source.info)) {
            if (connection == null) {
                return;
            }
            Finding finding = audit(connection, job.system, job.collection, job.statement, job.sql, job.parameters);
            record(finding);
            failedOnce.remove(job.statement);
        } catch (Throwable t) {
            if (failedOnce.add(job.statement)) {
                String state = t instanceof SQLException sql && sql.getSQLState() != null ? ", SQL state " + sql.getSQLState() : "";
                AgentLog.warn("vigil.db.explain: could not explain a " + job.system + " statement on "
                        + (job.collection.isEmpty() ? "an unnamed table" : job.collection) + " (" + t.getClass().getName()
                        + state + "); the application is not affected, the shape is tried again next interval");
            }
        } finally {
            Arrays.fill(job.parameters, null); // the one execution's values go as soon as its plan is read
        }
    }

    /** Explains {@code sql} (of shape {@code statement}) on {@code connection} and reads the plan. */
    Finding audit(Connection connection, String system, String collection, String statement, String sql,
                  Object[] parameters) throws SQLException {
        Dialect dialect = Dialect.of(system);
        dialect.limitTime(connection, timeoutMillis);
        Plan plan = PlanReader.read(system, dialect.explain(connection, sql, parameters, timeoutMillis));
        SqlColumns columns = SqlColumns.of(statement);
        String written = plan.fullScan() ? columns.tableFor(plan.scannedTable()) : null;
        String table = written == null ? plan.scannedTable() : written.substring(written.lastIndexOf('.') + 1)
                .replace("\"", "").replace("`", "");
        long rows = !plan.fullScan() ? -1
                : plan.scannedRows() >= 0 ? plan.scannedRows() : dialect.tableRows(connection, table, timeoutMillis);
        boolean flagged = plan.fullScan() && rows >= minRows;
        String index = flagged ? columns.suggestIndex(written == null ? table : written) : null;
        return new Finding(statement, system, collection, flagged, plan.sortWithoutIndex(), index, plan.summary(), rows,
                System.currentTimeMillis(), PlanReader.label(table));
    }

    private void record(Finding finding) {
        if (findings.size() >= MAX_FINDINGS && !findings.containsKey(finding.statement)) {
            findings.values().stream().min(Comparator.comparingLong(Finding::explainedAtMillis))
                    .ifPresent(oldest -> findings.remove(oldest.statement));
        }
        findings.put(finding.statement, finding);
        if (finding.fullScan) {
            String table = finding.scannedTable;
            fullScanCounters.computeIfAbsent(finding.statement, s -> Counter.builder(MetricNames.DB_FULL_SCANS)
                    .description("Executions of statements whose plan reads a whole table (vigil.db.explain.enabled)")
                    .tag(MetricNames.DB_SYSTEM_NAME, finding.system)
                    .tag(MetricNames.DB_COLLECTION_NAME, table)
                    .register(registry));
        } else {
            fullScanCounters.remove(finding.statement); // the counter keeps its count; it just stops growing
        }
    }

    /** The audit page: the most expensive shapes with what their plans showed. */
    public Map<String, Object> page() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> entry : topStatements.get()) {
            Finding finding = findings.get((String) entry.get("statement"));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("statement", entry.get("statement"));
            row.put("db_system_name", entry.get("db_system_name"));
            row.put("db_operation_name", entry.get("db_operation_name"));
            row.put("db_collection_name", entry.get("db_collection_name"));
            row.put("explained", finding != null);
            row.put("full_scan", finding != null && finding.fullScan);
            row.put("sort_without_index", finding != null && finding.sortWithoutIndex);
            row.put("suggested_index", finding == null ? null : finding.suggestedIndex);
            row.put("plan", finding == null ? null : finding.summary);
            row.put("table_rows", finding == null || finding.tableRows < 0 ? null : finding.tableRows);
            row.put("count", entry.get("count"));
            row.put("total_seconds", entry.get("total_seconds"));
            row.put("p99_seconds", entry.get("p99_seconds"));
            rows.add(row);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("explain_enabled", true);
        page.put("statements", rows);
        return page;
    }

    /** A parameter set to SQL NULL. */
    enum NullValue {
        INSTANCE
    }
}
