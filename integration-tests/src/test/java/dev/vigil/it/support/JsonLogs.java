package dev.vigil.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An application's own JSON log, one object per line (logstash-logback-encoder, Log4j2's
 * JsonTemplateLayout), read the way a log shipper reads it: by parsing each line, not by matching text.
 *
 * <pre>{@code
 * List<JsonLogs.Event> handled = JsonLogs.await(app, JsonLogs.message("handling trace/log"), 1, Duration.ofSeconds(10));
 * assertThat(handled.get(0).field("trace_id")).isEqualTo(traceId);
 * }</pre>
 */
public final class JsonLogs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLogs() {
    }

    /**
     * One log event: its position among the JSON lines of the output (0-based) and its top-level fields.
     */
    public record Event(int index, JsonNode json) {

        /** A top-level field as text, or {@code null} when it is absent. */
        public String field(String name) {
            JsonNode value = json.get(name);
            return value == null || value.isNull() ? null : value.asText();
        }

        public boolean has(String name) {
            return json.has(name);
        }

        public String message() {
            return field("message");
        }

        @Override
        public String toString() {
            return json.toString();
        }
    }

    /** Events whose {@code message} is exactly {@code message}. */
    public static Predicate<Event> message(String message) {
        return event -> message.equals(event.message());
    }

    /**
     * Every complete JSON line of {@code output}, in order. Lines that do not start with <code>{</code>
     * (a JVM warning, a stack trace printed by hand) are not events and are skipped; a line that starts
     * with <code>{</code> but does not parse fails, because that is a broken log. A last line without its
     * newline is still being written and is left for the next read.
     */
    public static List<Event> parse(String output) {
        int end = output.lastIndexOf('\n');
        List<Event> events = new ArrayList<>();
        if (end < 0) {
            return events;
        }
        for (String line : output.substring(0, end).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("{")) {
                continue;
            }
            try {
                events.add(new Event(events.size(), JSON.readTree(trimmed)));
            } catch (JsonProcessingException e) {
                throw new AssertionError("a log line that is not valid JSON: " + trimmed, e);
            }
        }
        return events;
    }

    /** The events of the application's stdout so far. */
    public static List<Event> stdout(AppProcess app) {
        return parse(app.stdout());
    }

    /**
     * Polls the application's stdout until at least {@code count} events after the first {@code skip}
     * match, and returns the matches among those; after {@code timeout}, returns what matched so the
     * test's assertion can say what was there.
     */
    public static List<Event> await(AppProcess app, int skip, Predicate<Event> condition, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> matching = matching(app, skip, condition);
        while (matching.size() < count && System.nanoTime() < deadline && app.isAlive()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for log lines", e);
            }
            matching = matching(app, skip, condition);
        }
        return matching(app, skip, condition);
    }

    /** {@link #await(AppProcess, int, Predicate, int, Duration)} over the whole output. */
    public static List<Event> await(AppProcess app, Predicate<Event> condition, int count, Duration timeout) {
        return await(app, 0, condition, count, timeout);
    }

    /** The events as lines, for assertion messages. */
    public static String describe(List<Event> events) {
        return events.isEmpty() ? "(no JSON log lines)"
                : events.stream().map(Event::toString).collect(Collectors.joining("\n", "\n", ""));
    }

    /** The events from {@code skip} on, keyed by message, for assertion messages. */
    public static String describe(AppProcess app, int skip) {
        List<Event> events = stdout(app);
        return describe(events.subList(Math.min(skip, events.size()), events.size()));
    }

    private static List<Event> matching(AppProcess app, int skip, Predicate<Event> condition) {
        return stdout(app).stream().filter(e -> e.index() >= skip).filter(condition).collect(Collectors.toList());
    }
}
