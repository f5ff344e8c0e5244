import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the JFR recordings startprofile.sh took (each from an application's launch to its first 200) and files
 * every execution sample of the application's {@code main} thread, the one its start-up waits for, under what
 * the agent was doing: its header filter, Byte Buddy transforming a class, other agent code, or none of it.
 * For each agent category it lists the agent's innermost frames (its own code or a library shaded into it). Writes markdown to OUT.
 *
 * <pre>java StartProfile.java OUT recording.jfr...</pre>
 */
public final class StartProfile {
    private static final String AGENT = "dev.vigil.agent.";
    private static final String FILTER = "header filter (`ClassHeaderFilter`, `ClassFiles`)";
    private static final String BYTE_BUDDY = "Byte Buddy transforming a class that passed the filter";
    private static final String OTHER = "other agent code (hooks, premain left-overs, start-up of features)";
    private static final String NONE = "no agent code on the stack (the application, the JDK, class loading)";
    private static final int TOP = 12;

    public static void main(String[] args) throws IOException {
        Map<String, Integer> samples = new LinkedHashMap<>();
        for (String category : List.of(FILTER, BYTE_BUDDY, OTHER, NONE)) {
            samples.put(category, 0);
        }
        Map<String, Map<String, Integer>> innermost = new HashMap<>();
        int total = 0;
        for (int i = 1; i < args.length; i++) {
            for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[i]))) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                        || event.getThread("sampledThread") == null
                        || !"main".equals(event.getThread("sampledThread").getJavaName())) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                String category = categoryOf(frames);
                samples.merge(category, 1, Integer::sum);
                total++;
                if (category != NONE) {
                    innermost.computeIfAbsent(category, c -> new HashMap<>()).merge(innermostOfTheAgent(frames), 1, Integer::sum);
                }
            }
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0])))) {
            out.printf("Samples of the `main` thread from launch to the first 200, %d recording(s): %d%n%n",
                    args.length - 1, total);
            out.println("| what the agent was doing | samples | share |");
            out.println("|---|---|---|");
            for (Map.Entry<String, Integer> each : samples.entrySet()) {
                out.printf("| %s | %d | %.1f%% |%n", each.getKey(), each.getValue(),
                        total == 0 ? 0.0 : 100.0 * each.getValue() / total);
            }
            for (String category : List.of(FILTER, BYTE_BUDDY, OTHER)) {
                Map<String, Integer> frames = innermost.getOrDefault(category, Map.of());
                if (frames.isEmpty()) {
                    continue;
                }
                out.printf("%n%s, the agent's innermost frames:%n%n| frame | samples |%n|---|---|%n", category);
                List<Map.Entry<String, Integer>> sorted = new ArrayList<>(frames.entrySet());
                sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
                sorted.stream().limit(TOP).forEach(each -> out.printf("| `%s` | %d |%n", each.getKey(), each.getValue()));
            }
        }
    }

    private static String categoryOf(List<RecordedFrame> frames) {
        boolean byteBuddy = false;
        boolean agent = false;
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.equals(AGENT + "core.instrument.ClassHeaderFilter") || type.startsWith(AGENT + "core.instrument.ClassFiles")
                    || type.startsWith(AGENT + "core.instrument.ClassHeaderFilter$")) {
                return FILTER;
            }
            byteBuddy |= type.startsWith(AGENT + "shaded.bytebuddy.agent.builder.AgentBuilder$Default$ExecutingTransformer");
            agent |= type.startsWith(AGENT);
        }
        return byteBuddy ? BYTE_BUDDY : agent ? OTHER : NONE;
    }

    /** The innermost frame of the agent's code or of a library shaded into it: where, in the agent, the time goes. */
    private static String innermostOfTheAgent(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith(AGENT)) {
                return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
            }
        }
        return "?";
    }
}
