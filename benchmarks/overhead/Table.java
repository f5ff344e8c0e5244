import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Turns the raw runs of {@code run.sh} (one tab-separated line per run) into the markdown report:
 * per variant the median over rounds with the spread (min-max), the comparison with no agent, the
 * verdicts against the brief's bars, then every run, so that noise is visible rather than averaged away.
 *
 * <pre>java Table.java raw.tsv key=value...</pre>
 * Keys: app, vigil_jar, otel_jar, otel_version, rounds, load, scrape, pinning, java_opts, cpus, loadavg, date, java,
 * threads_by_name (a file of "variant, round, threads added, their names" rows from run.sh).
 */
public final class Table {
    /** The performance goals (benchmarks/README.md). */
    static final double MAX_THROUGHPUT_LOSS = 0.03;
    static final double MAX_SHARE_OF_OTEL_LOSS = 1.0 / 5;
    static final double MAX_STARTUP_ADDED_S = 0.5;
    static final double MAX_STARTUP_CPU_ADDED_S = 1.0;
    static final double MAX_LIVE_HEAP_ADDED_MB = 8;
    static final double MAX_COMMITTED_ADDED_MB = 30;
    /** Agent threads when idle, nothing exported: the issue-14 goal. */
    static final int MAX_IDLE_THREADS = 2;
    static final long MAX_JAR_BYTES = 8L * 1024 * 1024;

    static final String[] VARIANTS = {"A", "B", "C"};

    /** How a measure is shown and compared with A. */
    enum Compare { ADDED, RATIO, NONE }

    record Measure(String column, String title, DoubleUnaryOperator unit, String format, Compare compare, String addedUnit) {
    }

    static final List<Measure> MEASURES = List.of(
            new Measure("startup_wall_s", "startup: wall time to first 200 (s)", v -> v, "%.2f", Compare.ADDED, "s"),
            new Measure("startup_cpu_s", "startup: CPU time to first 200 (s)", v -> v, "%.2f", Compare.ADDED, "s"),
            new Measure("rss_idle_kb", "RSS idle, after start (MB)", v -> v / 1024, "%.0f", Compare.ADDED, "MB"),
            new Measure("warmup_s", "warm-up until the JIT was quiet (s)", v -> v, "%.0f", Compare.ADDED, "s"),
            new Measure("rps", "throughput (requests/s)", v -> v, "%.0f", Compare.RATIO, ""),
            new Measure("p50_us", "latency p50 (ms)", v -> v / 1000, "%.3f", Compare.RATIO, ""),
            new Measure("p99_us", "latency p99 (ms)", v -> v / 1000, "%.3f", Compare.RATIO, ""),
            new Measure("cpu_us_per_request", "CPU per request (µs)", v -> v, "%.0f", Compare.ADDED, "µs"),
            new Measure("app_cpu_us_per_request", "CPU per request, without the JIT and GC threads (µs)", v -> v, "%.1f",
                    Compare.ADDED, "µs"),
            new Measure("alloc_mb_per_s", "allocation rate (MB/s)", v -> v, "%.0f", Compare.RATIO, ""),
            new Measure("alloc_kb_per_request", "allocation per request (KB)", v -> v, "%.1f", Compare.ADDED, "KB"),
            new Measure("live_heap_mb", "live heap after load, after a full GC (MB)", v -> v, "%.0f", Compare.ADDED, "MB"),
            new Measure("committed_mb", "committed memory after load, after a full GC (MB, native memory tracking)", v -> v,
                    "%.0f", Compare.ADDED, "MB"),
            new Measure("rss_load_kb", "RSS after load (MB)", v -> v / 1024, "%.0f", Compare.ADDED, "MB"),
            new Measure("threads_idle", "threads, idle after load", v -> v, "%.0f", Compare.ADDED, ""),
            new Measure("errors", "errors (non-2xx + socket)", v -> v, "%.0f", Compare.NONE, ""));

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        List<String> header = List.of(lines.get(0).split("\t"));
        List<String[]> runs = lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList();
        Map<String, String> meta = new LinkedHashMap<>();
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            int eq = arg.indexOf('=');
            meta.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        System.out.print(new Table(header, runs, meta).markdown());
    }

    private final List<String> header;
    private final List<String[]> runs;
    private final Map<String, String> meta;
    private final StringBuilder out = new StringBuilder();

    Table(List<String> header, List<String[]> runs, Map<String, String> meta) {
        this.header = header;
        this.runs = runs;
        this.meta = meta;
    }

    /** The values of one column for one variant, one per round, in the measure's unit; NaN left out. */
    double[] values(String variant, Measure measure) {
        int column = header.indexOf(measure.column());
        return runs.stream().filter(r -> r[0].equals(variant))
                .mapToDouble(r -> parse(r[column])).filter(v -> !Double.isNaN(v))
                .map(measure.unit()).toArray();
    }

    static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double median(String variant, Measure measure) {
        return median(values(variant, measure));
    }

    Measure measure(String column) {
        return MEASURES.stream().filter(m -> m.column().equals(column)).findFirst().orElseThrow();
    }

    String markdown() {
        line("# Agent overhead: no agent (A), Vigil (B), OpenTelemetry Java agent %s (C)", meta.get("otel_version"));
        line("");
        line("- app: %s", meta.get("app"));
        line("- agents: B `%s`, C `%s` (Prometheus exporter, traces and logs exporters `none`)",
                fileName(meta.get("vigil_jar")), fileName(meta.get("otel_jar")));
        line("- %s rounds, alternated A B C A B C ...; each run: start, wait for the first 200, idle, warm-up, measure", meta.get("rounds"));
        line("- load: %s; agents' metrics scraped every %s s during the measurement", meta.get("load"), meta.get("scrape"));
        line("- %s; JVM options `%s`; %s CPUs; load average %s", meta.get("pinning"), meta.get("java_opts"), meta.get("cpus"), meta.get("loadavg"));
        line("- %s, %s", meta.get("java"), meta.get("date"));
        line("");
        line("Median over rounds, with the spread (min-max) in brackets.");
        line("");
        line("| measure | A: no agent | B: Vigil | C: OpenTelemetry | B vs A | C vs A |");
        line("|---|---|---|---|---|---|");
        for (Measure m : MEASURES) {
            StringBuilder row = new StringBuilder("| " + m.title() + " |");
            for (String v : VARIANTS) {
                row.append(' ').append(withSpread(values(v, m), m.format())).append(" |");
            }
            for (String v : List.of("B", "C")) {
                row.append(' ').append(versusA(v, m)).append(" |");
            }
            out.append(row).append('\n');
        }
        long vigilBytes = size(meta.get("vigil_jar"));
        long otelBytes = size(meta.get("otel_jar"));
        line("| agent jar (MB) | - | %.1f | %.1f | | |", vigilBytes / 1e6, otelBytes / 1e6);
        line("");
        verdicts(vigilBytes);
        line("");
        line("## Every run");
        line("");
        // One column per measure, headed by its label, so a new measure cannot shift the columns.
        StringBuilder head = new StringBuilder("| run |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Measure m : MEASURES) {
            head.append(" ").append(m.title()).append(" |");
            rule.append("---|");
        }
        line(head.toString());
        line(rule.toString());
        for (String[] run : runs) {
            StringBuilder row = new StringBuilder("| " + run[1] + "-" + run[0] + " |");
            for (Measure m : MEASURES) {
                double v = parse(run[header.indexOf(m.column())]);
                row.append(' ').append(Double.isNaN(v) ? "n/a" : format(m.format(), m.unit().applyAsDouble(v))).append(" |");
            }
            out.append(row).append('\n');
        }
        return out.toString();
    }

    private void verdicts(long vigilBytes) {
        Measure rps = measure("rps");
        double a = median("A", rps);
        double vigilLoss = 1 - median("B", rps) / a;
        double otelLoss = 1 - median("C", rps) / a;
        double[] baseline = values("A", rps);
        double noise = baseline.length < 2 ? Double.NaN
                : (Arrays.stream(baseline).max().orElseThrow() - Arrays.stream(baseline).min().orElseThrow()) / a;
        boolean underThree = vigilLoss < MAX_THROUGHPUT_LOSS;
        boolean underThirdOfOtel = vigilLoss < otelLoss * MAX_SHARE_OF_OTEL_LOSS;
        line("**Verdict, throughput:** %s. Vigil loses %s of the throughput (bar: under %s) and the OpenTelemetry agent %s;"
                        + " a fifth of that is %s, so Vigil is %s it.",
                underThree && underThirdOfOtel ? "PASS" : "FAIL", percent(vigilLoss), percent(MAX_THROUGHPUT_LOSS),
                percent(otelLoss), percent(otelLoss * MAX_SHARE_OF_OTEL_LOSS), underThirdOfOtel ? "under" : "not under");
        line("Noise: without an agent the throughput varied by %s across rounds (max-min over median);"
                + " a loss smaller than that is not told apart from noise by this run.", percent(noise));
        Measure cpu = measure("cpu_us_per_request");
        double cpuA = median("A", cpu);
        // With the app saturating its one CPU, throughput is 1 / (CPU per request): the loss this implies
        // does not depend on how much CPU other processes took from the app during the window.
        line("By CPU per request (the app's own CPU time, so less sensitive to other load on the machine): Vigil adds"
                        + " %.0f µs (%s), the OpenTelemetry agent %.0f µs (%s); on a saturated CPU that is a throughput loss of"
                        + " %s and %s.",
                median("B", cpu) - cpuA, signedPercent(median("B", cpu) / cpuA - 1), median("C", cpu) - cpuA,
                signedPercent(median("C", cpu) / cpuA - 1), percent(1 - cpuA / median("B", cpu)), percent(1 - cpuA / median("C", cpu)));
        line("");
        // CPU per request: 3 µs for the framework-free app (one statement per request), 10 µs for the shop.
        String app = String.valueOf(meta.get("app"));
        double cpuBar = app.startsWith("httpserver") ? 3 : app.startsWith("shop") ? 10 : Double.NaN;
        if (!Double.isNaN(cpuBar)) {
            double cpuAdded = median("B", cpu) - cpuA;
            line("**Verdict, CPU per request:** %s. Vigil adds %.1f µs (bar for this app: under %.0f µs).",
                    cpuAdded < cpuBar ? "PASS" : "FAIL", cpuAdded, cpuBar);
            line("");
        }
        Measure appCpu = measure("app_cpu_us_per_request");
        line("Without the JVM's JIT compiler, GC and VM threads (their work goes on whoever runs fewer requests in the window):"
                        + " Vigil adds %.1f µs per request on the application's and agents' threads, the OpenTelemetry agent %.1f µs.",
                median("B", appCpu) - median("A", appCpu), median("C", appCpu) - median("A", appCpu));
        line("");
        Measure threads = measure("threads_idle");
        double threadsAdded = median("B", threads) - median("A", threads);
        List<String[]> byName = threadsByName();
        if (byName.isEmpty()) {
            line("**Verdict, threads:** %s. Once idle after the load, Vigil keeps %.0f threads (bar: at most %d), the"
                            + " OpenTelemetry agent %.0f.", threadsAdded <= MAX_IDLE_THREADS ? "PASS" : "FAIL", threadsAdded,
                    MAX_IDLE_THREADS, median("C", threads) - median("A", threads));
        } else {
            // By name, against the same round's run without an agent: the application's own count can differ by one.
            double vigil = median(byName.stream().filter(r -> r[0].equals("B")).mapToDouble(r -> parse(r[2])).toArray());
            double otel = median(byName.stream().filter(r -> r[0].equals("C")).mapToDouble(r -> parse(r[2])).toArray());
            String names = byName.stream().filter(r -> r[0].equals("B")).map(r -> r.length > 3 ? r[3] : "").findFirst()
                    .orElse("");
            line("**Verdict, threads:** %s. Once idle after the load, Vigil keeps %.0f threads the same round's run without an"
                            + " agent does not have (bar: at most %d): %s; the OpenTelemetry agent %.0f. Counted in all: %+.1f and"
                            + " %+.1f (the application's own count varies between runs).",
                    vigil <= MAX_IDLE_THREADS ? "PASS" : "FAIL", vigil, MAX_IDLE_THREADS,
                    names.isEmpty() ? "none" : "`" + names.replace(",", "`, `") + "`", otel, threadsAdded,
                    median("C", threads) - median("A", threads));
        }
        line("");
        Measure heap = measure("live_heap_mb");
        double heapAdded = median("B", heap) - median("A", heap);
        line("**Verdict, live heap:** %s. Vigil adds %.0f MB after load and a full GC (bar: under %.0f MB).",
                heapAdded < MAX_LIVE_HEAP_ADDED_MB ? "PASS" : "FAIL", heapAdded, MAX_LIVE_HEAP_ADDED_MB);
        line("");
        Measure committed = measure("committed_mb");
        double committedAdded = median("B", committed) - median("A", committed);
        if (Double.isNaN(committedAdded)) {
            line("**Verdict, committed memory:** not measured (no native memory tracking summary in this run).");
        } else {
            line("**Verdict, committed memory:** %s. Vigil adds %.0f MB of the JVM's committed memory after load and a full GC"
                            + " (bar: under %.0f MB), the OpenTelemetry agent %.0f MB; by area in each run's `nmt.txt`.",
                    committedAdded < MAX_COMMITTED_ADDED_MB ? "PASS" : "FAIL", committedAdded, MAX_COMMITTED_ADDED_MB,
                    median("C", committed) - median("A", committed));
        }
        line("");
        Measure wall = measure("startup_wall_s");
        double added = median("B", wall) - median("A", wall);
        double addedCpu = median("B", measure("startup_cpu_s")) - median("A", measure("startup_cpu_s"));
        line("**Verdict, startup:** %s. Vigil adds %.2f s of wall time to the first 200 (bar: under %.1f s) and %.2f s of CPU"
                        + " (bar: under %.1f s); the OpenTelemetry agent adds %.2f s.",
                added < MAX_STARTUP_ADDED_S && addedCpu < MAX_STARTUP_CPU_ADDED_S ? "PASS" : "FAIL", added,
                MAX_STARTUP_ADDED_S, addedCpu, MAX_STARTUP_CPU_ADDED_S, median("C", wall) - median("A", wall));
        line("");
        line("**Verdict, jar size:** %s. `%s` is %.2f MiB (bar: under %.0f MiB).", vigilBytes < MAX_JAR_BYTES ? "PASS" : "FAIL",
                fileName(meta.get("vigil_jar")), vigilBytes / 1048576.0, MAX_JAR_BYTES / 1048576.0);
    }

    /** Rows "variant, round, threads added, their names" from run.sh's by-name comparison; none if not given. */
    private List<String[]> threadsByName() {
        String file = meta.get("threads_by_name");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            return List.of();
        }
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> !l.isBlank()).map(l -> l.split("\t", -1)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private String versusA(String variant, Measure m) {
        double a = median("A", m);
        double x = median(variant, m);
        if (Double.isNaN(a) || Double.isNaN(x)) {
            return "n/a";
        }
        return switch (m.compare()) {
            case ADDED -> String.format(Locale.ROOT, "%+" + m.format().substring(1) + " %s", x - a, m.addedUnit()).trim();
            case RATIO -> a == 0 ? "n/a" : String.format(Locale.ROOT, "×%.3f (%+.1f%%)", x / a, (x / a - 1) * 100);
            case NONE -> "";
        };
    }

    private static String withSpread(double[] values, String format) {
        if (values.length == 0) {
            return "n/a";
        }
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        String median = format(format, median(values));
        return values.length == 1 ? median : median + " (" + format(format, min) + "-" + format(format, max) + ")";
    }

    private static String format(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private static String signedPercent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }

    private static long size(String file) {
        try {
            return Files.size(Path.of(file));
        } catch (IOException e) {
            return -1;
        }
    }

    private static String fileName(String file) {
        return Path.of(file).getFileName().toString();
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
