import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the JFR recordings loadprofile.sh took (each of an application under load at steady state) and files
 * every execution sample under the agent's entry point on its stack: the outermost frame of the agent's code
 * (a recorder's {@code start} or {@code end}, a hook), or the agent's own thread, or none. Its share of the samples
 * times the CPU per request is what that entry point costs a request. Advice is inlined into the application's
 * methods, so what the advice does itself (reading a header, say) is billed to the application's frame: these
 * figures are what the agent's calls cost, a floor of its whole cost. Writes markdown to OUT.
 *
 * <pre>java LoadProfile.java OUT TICKS_PER_SECOND VARIANT=REQUESTS:CPU_TICKS:recording.jfr...</pre>
 */
public final class LoadProfile {
    private static final String AGENT = "dev.vigil.agent.";
    private static final String NONE = "no agent frame (the application, the server, the driver, the JDK)";
    private static final int TOP = 15;

    private record Run(String variant, long requests, double microsPerRequest, int samples,
                       Map<String, Integer> entries, Map<String, Integer> innermost) {
        double micros(int entrySamples) {
            return samples == 0 ? 0 : microsPerRequest * entrySamples / samples;
        }

        int agentSamples() {
            return samples - entries.getOrDefault(NONE, 0);
        }
    }

    public static void main(String[] args) throws IOException {
        double hz = Double.parseDouble(args[1]);
        List<Run> runs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String variant = args[i].substring(0, args[i].indexOf('='));
            String[] parts = args[i].substring(variant.length() + 1).split(":", 3);
            long requests = Long.parseLong(parts[0]);
            double micros = requests == 0 ? 0 : Long.parseLong(parts[1]) / hz * 1e6 / requests;
            runs.add(read(variant, requests, micros, Path.of(parts[2])));
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0])))) {
            out.print("| | ");
            runs.forEach(run -> out.print(run.variant + " | "));
            out.println();
            out.println("|---|" + "---|".repeat(runs.size()));
            row(out, "requests recorded", runs, run -> String.valueOf(run.requests));
            row(out, "CPU per request (µs)", runs, run -> String.format("%.1f", run.microsPerRequest));
            row(out, "samples", runs, run -> String.valueOf(run.samples));
            row(out, "samples in the agent's calls, µs per request", runs, run -> String.format("%d (%.1f%%), %.2f µs",
                    run.agentSamples(), run.samples == 0 ? 0 : 100.0 * run.agentSamples() / run.samples,
                    run.micros(run.agentSamples())));

            out.printf("%nBy the agent's entry point (the outermost frame of its code on the stack), samples and µs per request:%n%n");
            table(out, runs, Run::entries, true);
            out.printf("%nBy the agent's innermost frame (its own code or a library shaded into it):%n%n");
            table(out, runs, Run::innermost, false);
        }
    }

    private static Run read(String variant, long requests, double micros, Path recording) throws IOException {
        Map<String, Integer> entries = new HashMap<>();
        Map<String, Integer> innermost = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            RecordedThread thread = event.getThread("sampledThread");
            String name = thread == null ? null : thread.getJavaName();
            String entry = null;
            String inner = null;
            for (RecordedFrame frame : frames) { // innermost first
                String type = frame.getMethod().getType().getName();
                if (type.startsWith(AGENT)) {
                    String method = simple(type) + "." + frame.getMethod().getName();
                    if (inner == null) {
                        inner = method;
                    }
                    entry = method;
                }
            }
            if (name != null && name.startsWith("vigil-")) {
                entry = "the agent's thread `" + name.replaceAll("[0-9]+$", "N") + "`";
            }
            entries.merge(entry == null ? NONE : entry, 1, Integer::sum);
            if (inner != null) {
                innermost.merge(inner, 1, Integer::sum);
            }
        }
        return new Run(variant, requests, micros, samples, entries, innermost);
    }

    private static String simple(String type) {
        return type.startsWith(AGENT + "shaded.") ? type.substring(AGENT.length() + "shaded.".length())
                : type.substring(type.lastIndexOf('.') + 1);
    }

    private static void row(PrintWriter out, String name, List<Run> runs, java.util.function.Function<Run, String> cell) {
        out.print("| " + name + " | ");
        runs.forEach(run -> out.print(cell.apply(run) + " | "));
        out.println();
    }

    /** The union of the runs' keys, by the last run's samples, most first; NONE left out of the innermost table. */
    private static void table(PrintWriter out, List<Run> runs, java.util.function.Function<Run, Map<String, Integer>> of,
                              boolean withNone) {
        Map<String, Integer> last = of.apply(runs.get(runs.size() - 1));
        Set<String> keys = new LinkedHashSet<>();
        for (Run run : runs) {
            keys.addAll(of.apply(run).keySet());
        }
        keys.remove(NONE);
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparing((String key) -> -last.getOrDefault(key, 0))
                .thenComparing(key -> -of.apply(runs.get(0)).getOrDefault(key, 0)));
        out.print("| | ");
        runs.forEach(run -> out.print(run.variant + " | "));
        out.println();
        out.println("|---|" + "---|".repeat(runs.size()));
        List<String> shown = new ArrayList<>(sorted.subList(0, Math.min(TOP, sorted.size())));
        if (withNone) {
            shown.add(NONE);
        }
        for (String key : shown) {
            out.print("| " + (key.equals(NONE) || key.startsWith("the agent's") ? key : "`" + key + "`") + " | ");
            for (Run run : runs) {
                int n = of.apply(run).getOrDefault(key, 0);
                out.printf("%d, %.2f µs | ", n, run.micros(n));
            }
            out.println();
        }
    }
}
