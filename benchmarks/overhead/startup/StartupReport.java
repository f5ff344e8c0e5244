import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The markdown report of {@code startup.sh}, from the files it leaves in its work folder:
 * runs.tsv (wall, user, sys per run), hyperfine.json, agent-*.log (the agent's "started in N ms"),
 * startuptime-{none,vigil}.log, classload-{none,vigil}.log and profile-*.tsv (StartupSampler).
 *
 * <pre>java StartupReport.java WORK_DIR VIGIL_JAR JAVA_VERSION MACHINE</pre>
 */
public final class StartupReport {
    private static final Pattern STARTED = Pattern.compile("started for service .* in (\\d+) ms(?: \\(the premain: (\\d+) ms\\))?");
    private static final Pattern PHASE = Pattern.compile("\\[startuptime\\] (.+), ([0-9.]+) secs");
    private static final Pattern CLASS_LOAD = Pattern.compile("^\\[([0-9.]+)s\\].*\\[class,load\\] (\\S+) source: (.*)$");
    private static final String SHADED = "dev.vigil.agent.shaded.";

    private final Path work;
    private final String agentOptions;
    private final String compareOptions;
    /** The file name of a previous build run as the third variant, or empty. */
    private final String compareJar;
    private final StringBuilder out = new StringBuilder();

    StartupReport(Path work, String agentOptions, String compareOptions, String compareJar) {
        this.work = work;
        this.agentOptions = agentOptions;
        this.compareOptions = compareOptions;
        this.compareJar = compareJar;
    }

    public static void main(String[] args) throws IOException {
        StartupReport report = new StartupReport(Path.of(args[0]), args.length > 4 ? args[4] : "", args.length > 5 ? args[5] : "",
                args.length > 6 ? args[6] : "");
        System.out.print(report.markdown(args[1], args[2], args[3]));
    }

    String markdown(String vigilJar, String java, String machine) throws IOException {
        line("# Start-up added by the Vigil agent");
        line("");
        line("- agent `%s` (%.1f MB); application: a Hello that prints and exits", Path.of(vigilJar).getFileName(), Files.size(Path.of(vigilJar)) / 1e6);
        line("- %s; %s", java, machine);
        line("");
        addedTime();
        phases();
        classes();
        profile();
        return out.toString();
    }

    private void addedTime() throws IOException {
        Map<String, List<double[]>> runs = new LinkedHashMap<>();
        List<String> rows = Files.readAllLines(work.resolve("runs.tsv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t");
            runs.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]) + Double.parseDouble(f[3])});
        }
        line("## Added time (runs alternated, median and min-max over %d runs each)", runs.get("none").size());
        line("");
        line("| | wall (s) | CPU, user + sys (s) |");
        line("|---|---|---|");
        double[] noneWall = column(runs.get("none"), 0), noneCpu = column(runs.get("none"), 1);
        double[] vigilWall = column(runs.get("vigil"), 0), vigilCpu = column(runs.get("vigil"), 1);
        line("| java Hello | %s | %s |", spread(noneWall), spread(noneCpu));
        line("| java -javaagent:vigil-agent.jar Hello | %s | %s |", spread(vigilWall), spread(vigilCpu));
        line("| **added by the agent** | **%+.3f** | **%+.3f** |", median(vigilWall) - median(noneWall), median(vigilCpu) - median(noneCpu));
        if (runs.containsKey("compared")) {
            double[] comparedWall = column(runs.get("compared"), 0), comparedCpu = column(runs.get("compared"), 1);
            String compared = (compareJar.isBlank() ? "vigil-agent.jar" : compareJar)
                    + (compareOptions.isBlank() ? "" : " `" + compareOptions + "`");
            line("| java -javaagent:%s Hello | %s | %s |", compared, spread(comparedWall), spread(comparedCpu));
            line("| **%s against the agent%s** | **%+.3f** | **%+.3f** |", compareJar.isBlank() ? "the agent with `" + compareOptions + "`" : compared,
                    agentOptions.isBlank() ? "" : " with `" + agentOptions + "`",
                    median(comparedWall) - median(vigilWall), median(comparedCpu) - median(vigilCpu));
            line("");
            line("Spread of the agent's own runs (max-min): %.3f s wall, %.3f s CPU; a difference smaller than that is noise.",
                    range(vigilWall), range(vigilCpu));
        }
        line("");
        List<Double> started = new ArrayList<>();
        List<Double> premain = new ArrayList<>();
        try (Stream<Path> logs = Files.list(work)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().matches("agent-\\d+\\.log")).toList()) {
                Matcher m = STARTED.matcher(Files.readString(log));
                if (m.find()) {
                    started.add(Double.parseDouble(m.group(1)));
                    if (m.group(2) != null) {
                        premain.add(Double.parseDouble(m.group(2)));
                    }
                }
            }
        }
        if (!started.isEmpty()) {
            double startedMs = median(started.stream().mapToDouble(Double::doubleValue).toArray());
            if (premain.isEmpty()) {
                line("The agent's own log says \"started in\" a median of %.0f ms (its premain, timed by itself).", startedMs);
            } else {
                // The features start on their own thread, beside the premain and after it: the line gives both.
                line("The agent's own log says \"started in\" a median of %.0f ms, of which its premain %.0f ms (timed by itself;"
                                + " the features start on their own thread, beside the premain and after it).",
                        startedMs, median(premain.stream().mapToDouble(Double::doubleValue).toArray()));
            }
            line("");
        }
        Path hyperfine = work.resolve("hyperfine.json");
        if (Files.exists(hyperfine)) {
            String json = Files.readString(hyperfine);
            Map<String, double[]> byCommand = new LinkedHashMap<>();
            Matcher m = Pattern.compile("\"command\":\\s*\"(\\w+)\".*?\"median\":\\s*([0-9.eE-]+).*?\"user\":\\s*([0-9.eE-]+),\\s*\"system\":\\s*([0-9.eE-]+)",
                    Pattern.DOTALL).matcher(json);
            while (m.find()) {
                byCommand.put(m.group(1), new double[] {Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)) + Double.parseDouble(m.group(4))});
            }
            if (byCommand.containsKey("none") && byCommand.containsKey("vigil")) {
                line("hyperfine (not alternated; median wall, mean CPU): without %.3f s wall, %.3f s CPU;"
                                + " with the agent %.3f s wall, %.3f s CPU; added %+.3f s wall, %+.3f s CPU.",
                        byCommand.get("none")[0], byCommand.get("none")[1], byCommand.get("vigil")[0], byCommand.get("vigil")[1],
                        byCommand.get("vigil")[0] - byCommand.get("none")[0], byCommand.get("vigil")[1] - byCommand.get("none")[1]);
                line("");
            }
        }
    }

    private void phases() throws IOException {
        Map<String, Double> none = phases(work.resolve("startuptime-none.log"));
        Map<String, Double> vigil = phases(work.resolve("startuptime-vigil.log"));
        line("## The JVM's start-up phases (-Xlog:startuptime, one run each)");
        line("");
        line("Agents' premain runs inside \"Create VM\", after the other phases.");
        line("");
        line("| phase | without (ms) | with the agent (ms) |");
        line("|---|---|---|");
        for (String phase : vigil.keySet()) {
            if (vigil.get(phase) >= 0.001 || none.getOrDefault(phase, 0.0) >= 0.001) {
                line("| %s | %.1f | %.1f |", phase, none.getOrDefault(phase, 0.0) * 1000, vigil.get(phase) * 1000);
            }
        }
        line("");
    }

    private static Map<String, Double> phases(Path log) throws IOException {
        Map<String, Double> phases = new LinkedHashMap<>();
        for (String l : Files.readAllLines(log)) {
            Matcher m = PHASE.matcher(l);
            if (m.find()) {
                phases.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return phases;
    }

    private void classes() throws IOException {
        Map<String, Integer> none = classOrigins(work.resolve("classload-none.log"));
        Map<String, Integer> vigil = classOrigins(work.resolve("classload-vigil.log"));
        line("## Classes loaded (-Xlog:class+load, one run each)");
        line("");
        line("| origin | without | with the agent | added |");
        line("|---|---|---|---|");
        Map<String, Integer> all = new TreeMap<>(vigil);
        none.forEach(all::putIfAbsent);
        int totalNone = 0, totalVigil = 0;
        for (String origin : all.keySet()) {
            int a = none.getOrDefault(origin, 0), b = vigil.getOrDefault(origin, 0);
            totalNone += a;
            totalVigil += b;
            line("| %s | %d | %d | %+d |", origin, a, b, b - a);
        }
        line("| **all** | **%d** | **%d** | **%+d** |", totalNone, totalVigil, totalVigil - totalNone);
        line("");
        double[] span = premainSpan(work.resolve("classload-vigil.log"));
        if (span != null) {
            line("In that run the first agent class was loaded at %.3f s of JVM uptime and the application's Hello at %.3f s:"
                    + " %.0f ms of premain (slowed by the logging of every class load).", span[0], span[1], (span[1] - span[0]) * 1000);
            line("");
        }
    }

    /** Where each loaded class came from: an agent library, the CDS archive, the JDK's modules file, or generated. */
    private static Map<String, Integer> classOrigins(Path log) throws IOException {
        Map<String, Integer> origins = new TreeMap<>();
        for (String l : Files.readAllLines(log)) {
            Matcher m = CLASS_LOAD.matcher(l);
            if (!m.find()) {
                continue;
            }
            String name = m.group(2), source = m.group(3);
            String origin;
            if (name.startsWith(SHADED)) {
                String rest = name.substring(SHADED.length());
                origin = "agent: " + rest.substring(0, rest.indexOf('.'));
            } else if (name.startsWith("dev.vigil.agent.") && name.contains(".bridge.")) {
                origin = "agent: bootstrap bridge";
            } else if (name.startsWith("dev.vigil.")) {
                origin = "agent: own code";
            } else if (source.startsWith("shared objects file")) {
                origin = "JDK, from the CDS archive";
            } else if (source.startsWith("jrt:/")) {
                origin = "JDK, parsed from the modules file (not in the CDS archive)";
            } else if (source.startsWith("file:") || source.startsWith("jar:")) {
                origin = "application";
            } else {
                // "__JVM_LookupDefineClass__", "__Lookup_defineClass__" or the host class of a lambda or proxy
                origin = "generated at run time (lambdas, method handles, proxies)";
            }
            origins.merge(origin, 1, Integer::sum);
        }
        return origins;
    }

    private static double[] premainSpan(Path log) throws IOException {
        double first = -1, hello = -1;
        for (String l : Files.readAllLines(log)) {
            Matcher m = CLASS_LOAD.matcher(l);
            if (!m.find()) {
                continue;
            }
            if (first < 0 && m.group(2).startsWith("dev.vigil.")) {
                first = Double.parseDouble(m.group(1));
            }
            if (m.group(2).equals("Hello")) {
                hello = Double.parseDouble(m.group(1));
            }
        }
        return first < 0 || hello < 0 ? null : new double[] {first, hello};
    }

    private void profile() throws IOException {
        List<Path> profiles;
        try (Stream<Path> files = Files.list(work)) {
            profiles = files.filter(p -> p.getFileName().toString().matches("profile-\\d+\\.tsv")).sorted().toList();
        }
        if (profiles.isEmpty()) {
            return;
        }
        Map<String, long[]> byLibrary = new TreeMap<>(); // library -> {running, loading its classes}
        Map<String, Long> otherThreads = new TreeMap<>();
        Map<String, Long> bySteps = new TreeMap<>();
        List<Double> premainMs = new ArrayList<>();
        long premainSamples = 0;
        for (Path profile : profiles) {
            for (String l : Files.readAllLines(profile)) {
                String[] f = l.split("\t");
                if (f[0].equals("premain_ms")) {
                    premainMs.add(Double.parseDouble(f[1]));
                } else if (f.length == 4 && f[0].equals("main in premain")) {
                    long n = Long.parseLong(f[3]);
                    bySteps.merge(f[2], n, Long::sum);
                    premainSamples += n;
                    boolean loading = f[1].startsWith("class loading");
                    String library = f[1].startsWith("class loading for ") ? f[1].substring("class loading for ".length())
                            : f[1].startsWith("class loading") || f[1].startsWith("JDK") ? "JDK (no agent code on the stack)" : f[1];
                    byLibrary.computeIfAbsent(library, k -> new long[2])[loading ? 1 : 0] += n;
                } else if (f.length == 4 && f[0].equals("other threads")) {
                    otherThreads.merge(f[1], Long.parseLong(f[3]), Long::sum);
                }
            }
        }
        double premain = median(premainMs.stream().mapToDouble(Double::doubleValue).toArray());
        line("## Where the premain's time goes (sampled every ~1 ms, %d runs, %d samples of the main thread)", profiles.size(), premainSamples);
        line("");
        line("The premain took a median of %.0f ms under the sampler (which slows it a little). Each sample is filed under"
                + " the innermost frame from a shaded library (else the agent's own code, else the JDK); \"loading its classes\""
                + " is the part of those samples spent in the JDK's class loading (reading, defining, verifying) on that library's behalf.", premain);
        line("");
        line("| library | share of premain | est. ms | of which loading its classes |");
        line("|---|---|---|---|");
        final long total = premainSamples;
        byLibrary.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .forEach(e -> {
                    long n = e.getValue()[0] + e.getValue()[1];
                    line("| %s | %.0f%% | %.0f | %.0f%% |", e.getKey(), 100.0 * n / total, premain * n / total, 100.0 * e.getValue()[1] / n);
                });
        long loading = byLibrary.values().stream().mapToLong(v -> v[1]).sum();
        line("| **all** | 100%% | %.0f | %.0f%% |", premain, 100.0 * loading / total);
        line("");
        line("By start-up step (the method the agent's premain class called):");
        line("");
        line("| step | share of premain | est. ms |");
        line("|---|---|---|");
        List<Map.Entry<String, Long>> steps = bySteps.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).toList();
        steps.stream().limit(12)
                .forEach(e -> line("| `%s` | %.0f%% | %.0f |", e.getKey(), 100.0 * e.getValue() / total, premain * e.getValue() / total));
        long rest = steps.stream().skip(12).mapToLong(Map.Entry::getValue).sum();
        if (rest > 0) {
            line("| %d other steps | %.0f%% | %.0f |", steps.size() - 12, 100.0 * rest / total, premain * rest / total);
        }
        line("");
        if (!otherThreads.isEmpty()) {
            line("Other threads (the agent's background work, the JDK's): %s.", String.join(", ",
                    otherThreads.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(6)
                            .map(e -> e.getKey() + " " + e.getValue()).toList()));
            line("");
        }
    }

    private static double[] column(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(r -> r[i]).toArray();
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double range(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN) - Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static String spread(double[] values) {
        return String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", median(values),
                Arrays.stream(values).min().orElse(Double.NaN), Arrays.stream(values).max().orElse(Double.NaN));
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
