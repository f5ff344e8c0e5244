import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads async-profiler's collapsed CPU samples (one line per stack: {@code [thread tid=N];frame;...;frame count}) of
 * several runs per variant and writes, per variant and as B−A, the milliseconds of CPU per run by thread group and by
 * what the JVM was doing: the JIT, class parsing, verification, linking, reading jars, the agent's code (not the
 * application's tasks it only wraps), other Java code. Then the agent's outermost and innermost frames with their
 * milliseconds. Part of cpuprofile.sh; not a test.
 *
 * <pre>java CpuProfile.java table.md interval_ms A=a1.collapsed,a2.collapsed B=b1.collapsed,b2.collapsed</pre>
 */
public class CpuProfile {
    private static final String AGENT = "dev/vigil/agent/";
    private static final String WRAPPER = "traces/ContextTask$";
    private static final List<String> GROUPS = List.of("main (DestroyJavaVM once main returns)",
            "the JIT's compiler threads: C2", "the JIT's compiler threads: C1", "GC and VM threads",
            "the agent's threads (vigil-*)", "the application's other threads");
    /** In order: a sample is filed under the first whose marks its stack holds. */
    private static final Map<String, List<String>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("the JIT compiling", List.of("CompileBroker::"));
        KINDS.put("garbage collection", List.of("G1CollectedHeap", "G1ParScanThreadState", "GCTaskThread", "WorkerThread::run"));
        KINDS.put("class file parsing", List.of("ClassFileParser::"));
        KINDS.put("bytecode verification", List.of("Verifier::", "ClassVerifier::"));
        KINDS.put("linking and resolving", List.of("InstanceKlass::link_class", "Rewriter::", "LinkResolver::",
                "InterpreterRuntime::resolve", "ConstantPool::", "SystemDictionary::"));
        KINDS.put("reading jars (zip, inflate)", List.of("java/util/zip/", "java/util/jar/", "libz.so", "inflate"));
        KINDS.put("the agent's code and libraries", List.of(AGENT));
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        double intervalMs = Double.parseDouble(args[1]);
        Map<String, Profile> variants = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] parts = args[i].split("=", 2);
            Profile profile = new Profile();
            for (String file : parts[1].split(",")) {
                profile.read(Path.of(file));
            }
            variants.put(parts[0], profile);
        }
        List<String> lines = new ArrayList<>();
        lines.add("CPU per run in milliseconds (samples × " + fmt(intervalMs) + " ms, averaged over each variant's runs):");
        lines.add("");
        table(lines, "thread group", GROUPS, variants, intervalMs, p -> p.byGroup);
        lines.add("");
        List<String> kinds = new ArrayList<>(KINDS.keySet());
        kinds.add("other Java code");
        kinds.add("the kernel and other native code");
        table(lines, "what the JVM was doing (all threads)", kinds, variants, intervalMs, p -> p.byKind);
        for (Map.Entry<String, Profile> each : variants.entrySet()) {
            Profile profile = each.getValue();
            frames(lines, "The agent's entry points (its outermost frame on a stack)", each.getKey(), profile.byEntry, 10,
                    profile, intervalMs);
            frames(lines, "The agent's innermost frames (what below them runs, class loading included, is theirs)",
                    each.getKey(), profile.byInnermost, 20, profile, intervalMs);
        }
        Files.write(out, lines);
    }

    private static void frames(List<String> lines, String title, String variant, Map<String, Long> counts, int limit,
                               Profile profile, double intervalMs) {
        if (counts.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(title + ", " + variant + ", ms per run, all threads:");
        lines.add("");
        lines.add("| frame | ms |");
        lines.add("|---|---|");
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(limit)
                .forEach(e -> lines.add("| `" + e.getKey() + "` | " + fmt(ms(e.getValue(), profile, intervalMs)) + " |"));
    }

    private interface Part {
        Map<String, Long> of(Profile profile);
    }

    private static void table(List<String> lines, String title, List<String> rows, Map<String, Profile> variants,
                              double intervalMs, Part part) {
        StringBuilder head = new StringBuilder("| " + title + " |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String variant : variants.keySet()) {
            head.append(' ').append(variant).append(" |");
            rule.append("---|");
        }
        boolean diff = variants.containsKey("A") && variants.containsKey("B");
        if (diff) {
            head.append(" B−A |");
            rule.append("---|");
        }
        lines.add(head.toString());
        lines.add(rule.toString());
        List<String> all = new ArrayList<>(rows);
        all.add("all");
        for (String row : all) {
            StringBuilder line = new StringBuilder("| " + row + " |");
            for (Profile profile : variants.values()) {
                line.append(' ').append(fmt(ms(value(part.of(profile), row), profile, intervalMs))).append(" |");
            }
            if (diff) {
                Profile a = variants.get("A");
                Profile b = variants.get("B");
                double added = ms(value(part.of(b), row), b, intervalMs) - ms(value(part.of(a), row), a, intervalMs);
                line.append(' ').append(added >= 0 ? "+" : "").append(fmt(added)).append(" |");
            }
            lines.add(line.toString());
        }
    }

    private static long value(Map<String, Long> counts, String row) {
        return row.equals("all") ? counts.values().stream().mapToLong(Long::longValue).sum() : counts.getOrDefault(row, 0L);
    }

    private static double ms(long samples, Profile profile, double intervalMs) {
        return profile.runs == 0 ? 0 : samples * intervalMs / profile.runs;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 || value <= -100 ? "%.0f" : "%.1f", value);
    }

    private static final class Profile {
        int runs;
        final Map<String, Long> byGroup = new TreeMap<>();
        final Map<String, Long> byKind = new TreeMap<>();
        final Map<String, Long> byEntry = new TreeMap<>();
        final Map<String, Long> byInnermost = new TreeMap<>();

        void read(Path file) throws IOException {
            runs++;
            for (String line : Files.readAllLines(file)) {
                int space = line.lastIndexOf(' ');
                if (space < 0) {
                    continue;
                }
                long count = Long.parseLong(line.substring(space + 1).trim());
                String stack = line.substring(0, space);
                String thread = stack.startsWith("[") ? stack.substring(1, Math.max(1, stack.indexOf(']'))) : "";
                byGroup.merge(group(thread), count, Long::sum);
                byKind.merge(kind(stack), count, Long::sum);
                int agent = stack.indexOf(AGENT);
                if (agent >= 0) {
                    byEntry.merge(frameAt(stack, agent), count, Long::sum);
                    byInnermost.merge(frameAt(stack, stack.lastIndexOf(AGENT)), count, Long::sum);
                }
            }
        }

        /**
         * Whether the only agent frames on the stack are a wrapper that runs the application's own task with its
         * context ({@code traces.ContextTask}): the time below it is the application's.
         */
        private static boolean onlyInAWrapper(String stack) {
            return frameAt(stack, stack.lastIndexOf(AGENT)).startsWith(WRAPPER);
        }

        /** The frame starting at {@code at}, without the agent's package, a lambda's number or an annotation. */
        private static String frameAt(String stack, int at) {
            int end = stack.indexOf(';', at);
            String frame = stack.substring(at + AGENT.length(), end < 0 ? stack.length() : end);
            return frame.replaceAll("\\$\\$Lambda(\\$\\d+)?[./]0x[0-9a-f]+", "\\$\\$Lambda").replaceAll("_\\[.]$", "");
        }

        private static String group(String thread) {
            // The JVM renames the main thread DestroyJavaVM once main returns (a server whose main only starts it).
            if (thread.startsWith("main ") || thread.equals("main") || thread.startsWith("DestroyJavaVM")) {
                return GROUPS.get(0);
            }
            if (thread.startsWith("C2 CompilerThre")) {
                return GROUPS.get(1);
            }
            if (thread.startsWith("C1 CompilerThre")) {
                return GROUPS.get(2);
            }
            if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.startsWith("VM ")) {
                return GROUPS.get(3);
            }
            if (thread.startsWith("vigil-")) {
                return GROUPS.get(4);
            }
            return GROUPS.get(5);
        }

        private static String kind(String stack) {
            for (Map.Entry<String, List<String>> each : KINDS.entrySet()) {
                for (String mark : each.getValue()) {
                    if (stack.contains(mark) && !(mark.equals(AGENT) && onlyInAWrapper(stack))) {
                        return each.getKey();
                    }
                }
            }
            String leaf = stack.substring(stack.lastIndexOf(';') + 1);
            return leaf.contains("/") || leaf.contains(".") && !leaf.contains("::") && !leaf.endsWith("_[k]")
                    && !leaf.contains(".so") ? "other Java code" : "the kernel and other native code";
        }
    }
}
