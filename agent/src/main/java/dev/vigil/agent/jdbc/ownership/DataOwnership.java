package dev.vigil.agent.jdbc.ownership;

import dev.vigil.agent.core.metrics.LabelLimiter;
import dev.vigil.agent.core.metrics.MetricNames;
import dev.vigil.agent.core.metrics.SeriesLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Data ownership in a modular monolith: which module's code runs each statement, which module owns each
 * table, and when one module touches a table another owns.
 *
 * <p><b>Attribution.</b> A statement shape is attributed to the module of the innermost application frame
 * on the stack ({@link CallerStack}) the first time it runs from each kind of call site: inside a server
 * request or outside one (start-up, scheduled jobs), as a batch or not. That answer is cached: later
 * executions cost one map lookup and no stack walk. A shape that no module's code ran (framework start-up,
 * the main package's wiring) is looked at again on its next {@value #RETRIES} executions from that kind of
 * call site, then left unattributed. At most {@value #MAX_SHAPES} shapes are kept; further ones are neither
 * walked nor counted here. One shape run from two modules' code in the same kind of call site counts for
 * the one that ran it first. Only the statement's first table is attributed (a join's others are not).
 *
 * <p><b>Owners.</b> The owner of a table is the module {@code vigil.yaml} declares for it; otherwise the
 * module that has written it (INSERT, UPDATE, DELETE, MERGE) most, the first writer on a tie. Until a
 * module writes it, an undeclared table has no owner and touching it is no violation. Any operation of a
 * module on a table with another owner is a violation.
 */
public final class DataOwnership {
    static final int MAX_SHAPES = 4096;
    static final int RETRIES = 16;
    static final int MAX_MODULES = 50;
    static final int MAX_TABLES = 500;
    /** Writers remembered per undeclared table, for the inferred owner. */
    static final int MAX_WRITERS = 16;

    private final MeterRegistry registry;
    private final CallerStack stack;
    private final Supplier<String> lateBasePackage;
    private volatile Modules modules;
    private volatile boolean lateTried;
    private final LabelLimiter moduleLabels;
    private final LabelLimiter timeModuleLabels;
    private final SeriesLimit<List<String>, Counter> operations;
    private final SeriesLimit<List<String>, Counter> violations;
    private final SeriesLimit<List<String>, Counter> time;
    /** By kind of call site: [batch * 2 + in a request]. */
    @SuppressWarnings("unchecked")
    private final Map<String, Site>[] sites = new Map[] {new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>(), new ConcurrentHashMap<>()};
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final AtomicLong walks = new AtomicLong();

    /** What one statement shape does, cached: its module, its cell of the matrix, its counters. */
    private static final class Site {
        final String module;
        final Table table;
        final boolean write;
        final Counter operations;
        final Cell cell;
        final int triesLeft;
        /** The counter of violations against the table's current owner, made when first needed. */
        volatile Violations violations;

        Site(String module, Table table, boolean write, Counter operations, Cell cell, int triesLeft) {
            this.module = module;
            this.table = table;
            this.write = write;
            this.operations = operations;
            this.cell = cell;
            this.triesLeft = triesLeft;
        }
    }

    /** An owner and the counter of one module's violations of it on one table, replaced together. */
    private record Violations(String owner, Counter counter) {
    }

    /** One module × table cell of the matrix. */
    private static final class Cell {
        final LongAdder operations = new LongAdder();
        final LongAdder writes = new LongAdder();
        final LongAdder violations = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    /** A table's owner: declared, or inferred from its writers. */
    private static final class Table {
        final String name;
        final String declaredOwner;
        final Map<String, long[]> writes = new HashMap<>();
        volatile String owner;

        Table(String name, String declaredOwner) {
            this.name = name;
            this.declaredOwner = declaredOwner;
            this.owner = declaredOwner;
        }

        void wrote(String module) {
            if (declaredOwner != null) {
                return;
            }
            synchronized (this) {
                long[] count = writes.get(module);
                if (count == null) {
                    if (writes.size() >= MAX_WRITERS) {
                        return;
                    }
                    count = new long[1];
                    writes.put(module, count);
                }
                count[0]++;
                String current = owner;
                if (current == null || (!current.equals(module) && count[0] > writes.get(current)[0])) {
                    owner = module;
                }
            }
        }
    }

    private final Map<List<String>, Cell> cells = new ConcurrentHashMap<>();

    /**
     * @param modules         the declared modules, or those inferred from the main package (possibly none yet)
     * @param lateBasePackage asked once, at the first statement, when {@code modules} knows no class
     */
    public DataOwnership(MeterRegistry registry, Modules modules, Supplier<String> lateBasePackage, CallerStack stack,
                         int maxSeries) {
        this.registry = registry;
        this.modules = modules;
        this.lateBasePackage = lateBasePackage;
        this.stack = stack;
        String operationsMetric = MetricNames.prometheus(MetricNames.DB_MODULE_OPERATIONS) + "_total";
        String violationsMetric = MetricNames.prometheus(MetricNames.DB_OWNERSHIP_VIOLATIONS) + "_total";
        String timeMetric = MetricNames.prometheus(MetricNames.DB_MODULE_TIME) + "_total";
        this.moduleLabels = LabelLimiter.of(registry, operationsMetric, MetricNames.MODULE, MAX_MODULES);
        this.timeModuleLabels = LabelLimiter.of(registry, timeMetric, MetricNames.MODULE, MAX_MODULES);
        List<String> other3 = List.of(MetricNames.OTHER, MetricNames.OTHER, MetricNames.OTHER);
        this.operations = SeriesLimit.of(registry, operationsMetric, maxSeries, key -> other3, this::operationsCounter);
        this.violations = SeriesLimit.of(registry, violationsMetric, maxSeries, key -> other3, this::violationsCounter);
        this.time = SeriesLimit.of(registry, timeMetric, maxSeries,
                key -> List.of(key.get(0), MetricNames.OTHER), this::timeCounter);
    }

    /**
     * One execution of {@code shape} finished; returns the module that ran it, or null. The operation and
     * collection are the recorder's label values (already capped); only the first execution of a shape
     * uses them.
     */
    public String executed(String shape, boolean batch, boolean inRequest, String operation, String collection,
                           long nanos) {
        return executed(null, shape, batch, inRequest, operation, collection, nanos);
    }

    /**
     * What this instance made of one shape, for its caller to keep beside the shape: its executions then find
     * their site without a lookup by the statement's text.
     */
    public static final class Sites {
        private final DataOwnership owner;
        private final Site[] byKind = new Site[4];

        private Sites(DataOwnership owner) {
            this.owner = owner;
        }
    }

    /** {@code kept} when it is this instance's, else a new, empty {@link Sites} of this instance's. */
    public Sites sites(Sites kept) {
        return kept != null && kept.owner == this ? kept : new Sites(this);
    }

    /** As {@link #executed(String, boolean, boolean, String, String, long)}, with {@code kept}, the shape's {@link #sites} (or null). */
    public String executed(Sites kept, String shape, boolean batch, boolean inRequest, String operation,
                           String collection, long nanos) {
        int kind = (batch ? 2 : 0) + (inRequest ? 1 : 0);
        boolean keeps = kept != null && kept.owner == this;
        Site site = keeps ? kept.byKind[kind] : null;
        if (site == null) {
            Map<String, Site> map = sites[kind];
            site = map.get(shape);
            if (site == null || (site.module == null && site.triesLeft > 0)) {
                site = resolve(map, shape, operation, collection, site);
                if (site == null) {
                    return null;
                }
            }
            if (keeps && (site.module != null || site.triesLeft == 0)) {
                kept.byKind[kind] = site; // settled: a site still trying is looked up again, and may be replaced
            }
        }
        if (site.module == null) {
            return null;
        }
        record(site, nanos);
        return site.module;
    }

    private Site resolve(Map<String, Site> map, String shape, String operation, String collection, Site earlier) {
        if (earlier == null && cachedShapes() >= MAX_SHAPES) {
            return null; // random SQL cannot grow the cache, nor cost a walk per execution
        }
        Modules known = modules();
        String found = null;
        if (known.knowsAny()) {
            walks.incrementAndGet();
            found = stack.module(known);
        }
        Site site;
        if (found == null) {
            site = new Site(null, null, false, null, null, earlier == null ? RETRIES : earlier.triesLeft - 1);
        } else {
            String module = moduleLabels.limit(found);
            Table table = collection.isEmpty() || collection.equals(MetricNames.OTHER) ? null : table(collection, known);
            String tableName = table == null ? collection : table.name;
            site = new Site(module, table, isWrite(operation), operations.get(List.of(module, collection, operation)),
                    cell(module, tableName), 0);
        }
        map.put(shape, site);
        return site;
    }

    private void record(Site site, long nanos) {
        site.operations.increment();
        Cell cell = site.cell;
        if (cell != null) {
            cell.operations.increment();
            cell.nanos.add(nanos);
        }
        Table table = site.table;
        if (table == null) {
            return;
        }
        if (site.write) {
            table.wrote(site.module);
            if (cell != null) {
                cell.writes.increment();
            }
        }
        String owner = table.owner;
        if (owner != null && !owner.equals(site.module)) {
            Violations counted = site.violations;
            if (counted == null || !owner.equals(counted.owner())) {
                counted = new Violations(owner, violations.get(List.of(site.module, table.name, owner)));
                site.violations = counted;
            }
            counted.counter().increment();
            if (cell != null) {
                cell.violations.increment();
            }
        }
    }

    /** A request ended: {@code nanos} of its database time were spent by {@code module}'s statements. */
    public void requestTime(String route, String module, long nanos) {
        time.get(List.of(timeModuleLabels.limit(module), route)).increment(nanos / 1e9);
    }

    private Modules modules() {
        Modules current = modules;
        if (!current.knowsAny() && !lateTried && lateBasePackage != null) {
            lateTried = true;
            String base = lateBasePackage.get();
            if (base != null) {
                current = Modules.inferred(base);
                modules = current;
            }
        }
        return current;
    }

    private Table table(String collection, Modules known) {
        Table table = tables.get(collection);
        if (table != null || tables.size() >= MAX_TABLES) {
            return table;
        }
        String lower = collection.toLowerCase(Locale.ROOT);
        String owner = known.declaredOwner(lower);
        if (owner == null && lower.indexOf('.') > 0) {
            owner = known.declaredOwner(lower.substring(lower.lastIndexOf('.') + 1)); // schema.table
        }
        String declared = owner;
        return tables.computeIfAbsent(collection, c -> new Table(c, declared));
    }

    private Cell cell(String module, String table) {
        List<String> key = List.of(module, table);
        Cell cell = cells.get(key);
        if (cell == null && cells.size() < MAX_MODULES * 20) {
            cell = cells.computeIfAbsent(key, k -> new Cell());
        }
        return cell;
    }

    private static boolean isWrite(String operation) {
        String op = operation.startsWith("BATCH ") ? operation.substring(6) : operation;
        return op.equals("INSERT") || op.equals("UPDATE") || op.equals("DELETE") || op.equals("MERGE") || op.equals("UPSERT")
                || op.equals("REPLACE");
    }

    /** Stack walks so far: one per statement shape in the steady state, never one per execution. */
    public long walks() {
        return walks.get();
    }

    /** Statement shapes cached. */
    public int cachedShapes() {
        int size = 0;
        for (Map<String, Site> map : sites) {
            size += map.size();
        }
        return size;
    }

    /** The module × table matrix for {@code /vigil/audit}: modules, tables with their owner, and the cells. */
    public Map<String, Object> page() {
        Modules known = modules;
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("enabled", true);
        page.put("source", known.isDeclared() ? "vigil.yaml" : known.basePackage() != null ? "inferred" : "unknown");
        page.put("base_package", known.basePackage());
        TreeSet<String> names = new TreeSet<>();
        known.declaredModules().forEach(m -> names.add(m.name()));
        List<Map<String, Object>> rows = new ArrayList<>();
        long total = 0;
        for (Map.Entry<List<String>, Cell> entry : cells.entrySet()) {
            String module = entry.getKey().get(0);
            String tableName = entry.getKey().get(1);
            Cell cell = entry.getValue();
            Table table = tables.get(tableName);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("module", module);
            row.put("db_collection_name", tableName);
            row.put("owner_module", table == null ? null : table.owner);
            row.put("operations", cell.operations.sum());
            row.put("writes", cell.writes.sum());
            row.put("violations", cell.violations.sum());
            row.put("seconds", cell.nanos.sum() / 1e9);
            total += cell.violations.sum();
            names.add(module);
            rows.add(row);
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("module"))
                .thenComparing(r -> (String) r.get("db_collection_name")));
        List<Map<String, Object>> owners = new ArrayList<>();
        new TreeSet<>(tables.keySet()).forEach(name -> {
            Table table = tables.get(name);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("db_collection_name", name);
            row.put("owner_module", table.owner);
            row.put("owner_declared", table.declaredOwner != null);
            owners.add(row);
        });
        page.put("modules", List.copyOf(names));
        page.put("tables", owners);
        page.put("cells", rows);
        page.put("violations", total);
        return page;
    }

    private Counter operationsCounter(List<String> key) {
        return Counter.builder(MetricNames.DB_MODULE_OPERATIONS)
                .description("Database operations by the application module whose code ran them")
                .tag(MetricNames.MODULE, key.get(0))
                .tag(MetricNames.DB_COLLECTION_NAME, key.get(1))
                .tag(MetricNames.DB_OPERATION_NAME, key.get(2))
                .register(registry);
    }

    private Counter violationsCounter(List<String> key) {
        return Counter.builder(MetricNames.DB_OWNERSHIP_VIOLATIONS)
                .description("Database operations of a module on a table another module owns")
                .tag(MetricNames.MODULE, key.get(0))
                .tag(MetricNames.DB_COLLECTION_NAME, key.get(1))
                .tag(MetricNames.OWNER_MODULE, key.get(2))
                .register(registry);
    }

    private Counter timeCounter(List<String> key) {
        return Counter.builder(MetricNames.DB_MODULE_TIME)
                .description("Database time of HTTP requests, by the module whose code ran the statements")
                .tag(MetricNames.MODULE, key.get(0))
                .tag(MetricNames.HTTP_ROUTE, key.get(1))
                .register(registry);
    }
}
