import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what jitprofile.sh kept of each start (launch to the first 200, with and without the agent) and says where
 * the CPU the agent adds goes: the threads that spent it, what the JIT compiled before the first 200 and for how
 * long, and which classes were loaded (from the agent's jar by library, and the classes the JVM generates: lambdas,
 * method handle forms, reflection proxies). Each figure is a median over the rounds; the last column is the
 * agent's run minus the run without it. Writes markdown to OUT.
 *
 * <pre>java JitProfile.java OUT WORK AGENT_JAR_NAME ROUNDS</pre>
 *
 * WORK holds, per variant V (A: no agent, B: the agent) and round R: {@code V-R.first200} (seconds from launch),
 * {@code V-R.threads} ("ticks name" per thread, "ticks ended name" for one that ended before the first 200, then
 * "total ticks" for the process and "hz ticks"),
 * {@code V-R.compile.xml} (-XX:+LogCompilation) and {@code V-R.classes} (-Xlog:class+load with uptime).
 */
public final class JitProfile {
    private static final Pattern TASK = Pattern.compile("<task ([^>]*)>|<task_done ([^>]*)/>");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)='([^']*)'");
    private static final Pattern CLASS_LOAD = Pattern.compile("^\\[([\\d.]+)s\\]\\[?[^ ]* ?(\\S+) source: (.*)$");
    private static final int TOP_METHODS = 15;
    /**
     * The process's CPU less its threads' as last seen: threads that lived between two polls, each ended thread's
     * last few milliseconds, and the kernel's rounding (a process's total is not the sum of its threads' figures).
     */
    private static final String UNATTRIBUTED = "not attributed to a thread (see below)";

    /** Families of compiled methods, by the class's name; the first prefix that matches wins. */
    private static final String[][] FAMILIES = {
            {"dev.vigil.agent.shaded.bytebuddy.jar.asm.", "Byte Buddy's ASM"},
            {"dev.vigil.agent.shaded.bytebuddy.", "Byte Buddy"},
            {"dev.vigil.agent.shaded.", "other libraries in the agent (Micrometer, OpenTelemetry, Logback...)"},
            {"dev.vigil.", "the agent's own code"},
            {"jdk.internal.org.objectweb.asm.", "the JDK's ASM (lambda forms, proxies)"},
            // The JVM's hook for class file transformers: C2 compiles it with the agent's transformer inlined.
            {"sun.instrument.", "the class-loading hook (sun.instrument, with the agent's filter inlined)"},
            {"java.lang.invoke.", "java.lang.invoke"},
            {"jdk.internal.loader.", "class and resource loading, jars"},
            {"java.util.zip.", "class and resource loading, jars"},
            {"java.util.jar.", "class and resource loading, jars"},
            {"java.lang.ClassLoader", "class and resource loading, jars"},
            {"sun.net.www.", "class and resource loading, jars"},
            {"java.net.", "class and resource loading, jars"},
            {"java.lang.String", "strings"},
            {"java.lang.AbstractStringBuilder", "strings"},
            {"java.lang.StringBuilder", "strings"},
            {"java.util.", "collections and other java.util"},
            {"java.", "other JDK"},
            {"jdk.", "other JDK"},
            {"sun.", "other JDK"},
            {"com.sun.", "other JDK"},
    };

    private record Run(double first200, Map<String, Double> cpu, Map<String, double[]> compiled, Map<String, Double> methods,
                       Map<String, Integer> classes) {
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[1]);
        String agentJar = args[2];
        int rounds = Integer.parseInt(args[3]);
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (String variant : List.of("A", "B")) {
            List<Run> each = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                each.add(read(work, variant + "-" + round, agentJar));
            }
            runs.put(variant, each);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0])))) {
            List<Run> a = runs.get("A");
            List<Run> b = runs.get("B");
            out.printf("Medians of %d start(s) per variant, alternated; B−A is what the agent adds.%n%n", rounds);
            out.println("| time to the first 200 and CPU spent by then (s) | A: no agent | B: the agent | B−A |");
            out.println("|---|---|---|---|");
            row(out, "time to the first 200", median(a, r -> r.first200), median(b, r -> r.first200), "%.2f");
            for (String group : keys(a, b, Run::cpu)) {
                row(out, "CPU: " + group, median(a, r -> r.cpu.getOrDefault(group, 0.0)),
                        median(b, r -> r.cpu.getOrDefault(group, 0.0)), "%.2f");
            }
            out.println();
            out.println("Each thread's CPU is taken as last seen, polled every 10 ms or so until the first 200; what is not");
            out.println("attributed is the process's total less those: threads that lived between two polls, an ended thread's");
            out.println("last few milliseconds, and the kernel's rounding of per-thread figures (a few percent of the total).");
            out.println();
            out.println("What the JIT compiled before the first 200, by the compiled method's class: compilations, and");
            out.println("seconds from a compilation's start to its end on the compiler thread (which includes waiting for a");
            out.println("CPU, so read them as shares).");
            out.println();
            out.println("| compiled | C1 A | C1 B | C1 s A | C1 s B | C2 A | C2 B | C2 s A | C2 s B | C1+C2 s B−A |");
            out.println("|---|---|---|---|---|---|---|---|---|---|");
            List<String> families = new ArrayList<>(keys(a, b, Run::compiled));
            families.sort((x, y) -> Double.compare(added(b, a, y), added(b, a, x)));
            for (String family : families) {
                out.printf("| %s | %.0f | %.0f | %.2f | %.2f | %.0f | %.0f | %.2f | %.2f | %+.2f |%n", family,
                        median(a, r -> part(r, family, 0)), median(b, r -> part(r, family, 0)),
                        median(a, r -> part(r, family, 1)), median(b, r -> part(r, family, 1)),
                        median(a, r -> part(r, family, 2)), median(b, r -> part(r, family, 2)),
                        median(a, r -> part(r, family, 3)), median(b, r -> part(r, family, 3)), added(b, a, family));
            }
            out.println();
            out.printf("The %d methods whose compilations (C1 and C2) took longest more with the agent:%n%n", TOP_METHODS);
            out.println("| method | s A | s B |");
            out.println("|---|---|---|");
            List<String> methods = new ArrayList<>(keys(a, b, Run::methods));
            methods.sort((x, y) -> Double.compare(
                    median(b, r -> r.methods.getOrDefault(y, 0.0)) - median(a, r -> r.methods.getOrDefault(y, 0.0)),
                    median(b, r -> r.methods.getOrDefault(x, 0.0)) - median(a, r -> r.methods.getOrDefault(x, 0.0))));
            for (String method : methods.subList(0, Math.min(TOP_METHODS, methods.size()))) {
                out.printf("| `%s` | %.3f | %.3f |%n", method, median(a, r -> r.methods.getOrDefault(method, 0.0)),
                        median(b, r -> r.methods.getOrDefault(method, 0.0)));
            }
            out.println();
            out.println("| classes loaded before the first 200 | A: no agent | B: the agent | B−A |");
            out.println("|---|---|---|---|");
            for (String kind : keys(a, b, Run::classes)) {
                row(out, kind, median(a, r -> (double) r.classes.getOrDefault(kind, 0)),
                        median(b, r -> (double) r.classes.getOrDefault(kind, 0)), "%.0f");
            }
        }
    }

    private static double part(Run run, String family, int index) {
        double[] values = run.compiled.get(family);
        return values == null ? 0 : values[index];
    }

    private static double added(List<Run> b, List<Run> a, String family) {
        return median(b, r -> part(r, family, 1) + part(r, family, 3)) - median(a, r -> part(r, family, 1) + part(r, family, 3));
    }

    private static void row(PrintWriter out, String what, double a, double b, String format) {
        out.printf("| %s | " + format + " | " + format + " | %+" + format.substring(1) + " |%n", what, a, b, b - a);
    }

    private interface Figure {
        double of(Run run);
    }

    private static double median(List<Run> runs, Figure figure) {
        double[] values = runs.stream().mapToDouble(figure::of).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** The keys of a per-run map in either variant, in the order first seen. */
    private static List<String> keys(List<Run> a, List<Run> b, Function<Run, Map<String, ?>> map) {
        LinkedHashMap<String, Boolean> seen = new LinkedHashMap<>();
        for (List<Run> runs : List.of(a, b)) {
            for (Run run : runs) {
                map.apply(run).keySet().forEach(key -> seen.put(key, true));
            }
        }
        return new ArrayList<>(seen.keySet());
    }

    private static Run read(Path work, String name, String agentJar) throws IOException {
        double first200 = Double.parseDouble(Files.readString(work.resolve(name + ".first200")).trim());
        Run run = new Run(first200, cpu(work.resolve(name + ".threads")), new HashMap<>(), new HashMap<>(), new LinkedHashMap<>());
        readCompilations(work.resolve(name + ".compile.xml"), run);
        readClasses(work.resolve(name + ".classes"), run, agentJar);
        return run;
    }

    /** CPU seconds by group of threads; threads that had ended by the first 200 are the total's remainder. */
    private static Map<String, Double> cpu(Path threads) throws IOException {
        Map<String, Double> ticks = new LinkedHashMap<>();
        for (String group : List.of("all threads", "main", "JIT: C2", "JIT: C1", "GC and VM threads", "the agent's threads",
                "the application's other threads", "the agent's threads that ended before (its start-up)",
                "the application's threads that ended before", UNATTRIBUTED)) {
            ticks.put(group, 0.0);
        }
        double hz = 100;
        double live = 0;
        for (String line : Files.readAllLines(threads)) {
            int space = line.indexOf(' ');
            double value = Double.parseDouble(line.substring(0, space));
            String thread = line.substring(space + 1);
            if (thread.equals("hz")) {
                hz = value;
                continue;
            }
            if (thread.equals("total")) {
                ticks.put("all threads", value);
                continue;
            }
            live += value;
            if (thread.startsWith("ended ")) {
                String name = thread.substring("ended ".length());
                ticks.merge(name.startsWith("vigil-") ? "the agent's threads that ended before (its start-up)"
                        : "the application's threads that ended before", value, Double::sum);
            } else {
                ticks.merge(groupOf(thread), value, Double::sum);
            }
        }
        ticks.put(UNATTRIBUTED, ticks.get("all threads") - live);
        double perSecond = hz;
        ticks.replaceAll((group, value) -> value / perSecond);
        return ticks;
    }

    private static String groupOf(String thread) {
        if (thread.equals("java")) {
            return "main"; // the launcher's main thread keeps the process's name
        }
        if (thread.startsWith("C2 CompilerThre")) {
            return "JIT: C2";
        }
        if (thread.startsWith("C1 CompilerThre")) {
            return "JIT: C1";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.startsWith("VM ")
                || thread.equals("Sweeper thread")) {
            return "GC and VM threads";
        }
        return thread.startsWith("vigil-") ? "the agent's threads" : "the application's other threads";
    }

    private static String familyOf(String className) {
        for (String[] family : FAMILIES) {
            if (className.startsWith(family[0])) {
                return family[1];
            }
        }
        return "the application and its libraries";
    }

    private static String classKind(String name, String source, String agentJar) {
        if (name.contains("$$Lambda")) {
            return "lambdas (generated)";
        }
        if (name.contains("LambdaForm$")) {
            return "method handle forms (generated)";
        }
        if (name.matches(".*\\$Proxy\\d*")) {
            return "reflection proxies (generated)";
        }
        if (name.contains("GeneratedMethodAccessor") || name.contains("GeneratedConstructorAccessor")) {
            return "reflection accessors (generated)";
        }
        if (source.contains(agentJar)) {
            String shaded = "dev.vigil.agent.shaded.";
            if (!name.startsWith(shaded)) {
                return "from the agent's jar: its own code";
            }
            String library = name.substring(shaded.length());
            return "from the agent's jar: " + library.substring(0, Math.max(0, library.indexOf('.')));
        }
        return "other classes";
    }

    /** The compilations that started before the first 200, by family (C1 count, seconds; C2 count, seconds) and method. */
    private static void readCompilations(Path log, Run run) throws IOException {
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        Matcher matcher = TASK.matcher(text);
        Map<String, String> task = null;
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                task = attributes(matcher.group(1));
                continue;
            }
            if (task == null) {
                continue;
            }
            Map<String, String> done = attributes(matcher.group(2));
            double start = Double.parseDouble(task.getOrDefault("stamp", "0"));
            double end = Double.parseDouble(done.getOrDefault("stamp", "0"));
            String method = task.getOrDefault("method", "?");
            // C1 compiles at levels 1 to 3; a C2 task names no level (or 4)
            boolean c2 = "4".equals(task.getOrDefault("level", "4"));
            task = null;
            if (start > run.first200) {
                continue;
            }
            String[] parts = method.split(" ");
            String owner = parts[0];
            double[] values = run.compiled.computeIfAbsent(familyOf(owner), f -> new double[4]);
            int at = c2 ? 2 : 0;
            values[at]++;
            values[at + 1] += end - start;
            String name = parts.length > 1 ? parts[1].replace("&lt;", "<").replace("&gt;", ">") : "?";
            run.methods.merge(owner + "." + name, end - start, Double::sum);
        }
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new HashMap<>();
        Matcher matcher = ATTRIBUTE.matcher(text);
        while (matcher.find()) {
            attributes.put(matcher.group(1), matcher.group(2));
        }
        return attributes;
    }

    /** The classes loaded before the first 200, by kind. */
    private static void readClasses(Path log, Run run, String agentJar) throws IOException {
        for (String line : Files.readAllLines(log)) {
            Matcher matcher = CLASS_LOAD.matcher(line);
            if (!matcher.matches() || Double.parseDouble(matcher.group(1)) > run.first200) {
                continue;
            }
            run.classes.merge("all", 1, Integer::sum);
            run.classes.merge(classKind(matcher.group(2), matcher.group(3), agentJar), 1, Integer::sum);
        }
    }
}
