package dev.vigil.it.support;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The agent's own events: JSON lines on the application's stderr (the agent's log) that carry an
 * {@code event} field, such as {@code n_plus_one} and {@code slow_query}. Read as a log shipper reads
 * them, by parsing each line ({@link JsonLogs#parse}).
 *
 * <pre>{@code
 * int mark = AgentEvents.mark(app);
 * ... requests ...
 * List<JsonLogs.Event> found = AgentEvents.await(app, mark, "n_plus_one", 3, Duration.ofSeconds(10));
 * assertThat(found).hasSize(3);
 * }</pre>
 */
public final class AgentEvents {

    private AgentEvents() {
    }

    /** Where the agent's log is now: events after this mark are the ones the test caused. */
    public static int mark(AppProcess app) {
        return JsonLogs.parse(app.stderr()).size();
    }

    /** The agent's log lines after {@code mark} whose {@code event} field is {@code event}. */
    public static List<JsonLogs.Event> since(AppProcess app, int mark, String event) {
        return JsonLogs.parse(app.stderr()).stream()
                .filter(e -> e.index() >= mark && event.equals(e.field("event")))
                .collect(Collectors.toList());
    }

    /**
     * Polls until at least {@code count} {@code event} lines follow {@code mark}; having seen exactly
     * {@code count}, reads once more after {@link Scrape#SETTLE} so that a duplicate logged late is seen
     * rather than missed. Returns what is there after {@code timeout} either way, for the test to assert on.
     */
    public static List<JsonLogs.Event> await(AppProcess app, int mark, String event, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonLogs.Event> found = since(app, mark, event);
        while (found.size() < count && System.nanoTime() < deadline && app.isAlive()) {
            sleep(Duration.ofMillis(50));
            found = since(app, mark, event);
        }
        if (found.size() == count) {
            sleep(Scrape.SETTLE);
            found = since(app, mark, event);
        }
        return found;
    }

    /** Everything the agent logged after {@code mark}, for assertion messages. */
    public static String describe(AppProcess app, int mark) {
        List<JsonLogs.Event> events = JsonLogs.parse(app.stderr());
        return JsonLogs.describe(events.subList(Math.min(mark, events.size()), events.size()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the agent's log", e);
        }
    }
}
