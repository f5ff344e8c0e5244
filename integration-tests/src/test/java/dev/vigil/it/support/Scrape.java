package dev.vigil.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One scrape of {@code http://127.0.0.1:<metricsPort>/metrics}, parsed from the Prometheus text
 * format (OpenMetrics exemplars and timestamps are read past).
 *
 * <p>A label that is absent and a label whose value is {@code ""} are the same thing here, as they
 * are to Prometheus: {@code error_type=""} matches a series that has no {@code error_type} at all.
 */
public final class Scrape {

    /** One line of the exposition: {@code name{labels} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
        /** The label's value, {@code ""} when absent. */
        public String label(String key) {
            return labels.getOrDefault(key, "");
        }

        boolean matches(Map<String, String> subset) {
            return subset.entrySet().stream().allMatch(e -> label(e.getKey()).equals(e.getValue()));
        }
    }

    /** How long {@link #awaitValue} waits for a late duplicate after the value has been reached. */
    public static final Duration SETTLE = Duration.ofMillis(300);

    private final String text;
    private final List<Sample> samples;

    private Scrape(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    /** GETs {@code /metrics} from 127.0.0.1; fails unless it answers 200. */
    public static Scrape fetch(int metricsPort) {
        Http.Response response = Http.get(metricsPort, "/metrics");
        if (response.status() != 200) {
            throw new AssertionError("GET http://127.0.0.1:" + metricsPort + "/metrics answered " + response);
        }
        return parse(response.body());
    }

    /**
     * Scrapes until the total of {@code name} over all its series stays the same for {@link #SETTLE}, and
     * returns that scrape: a test that counts every series from here on must not count the end of an earlier
     * test's request, which the agent may record a moment after that test's client has read the answer.
     * Gives up after 10 s and returns the last scrape.
     */
    public static Scrape settled(int metricsPort, String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Scrape last = fetch(metricsPort);
        while (System.nanoTime() < deadline) {
            sleep(SETTLE);
            Scrape next = fetch(metricsPort);
            if (next.value(name, Map.of()) == last.value(name, Map.of())) {
                return next;
            }
            last = next;
        }
        return last;
    }

    /**
     * Scrapes until {@code condition} holds and returns that scrape; after {@code timeout}, returns
     * the last scrape anyway so the test's own assertion says what was there instead.
     */
    public static Scrape await(int metricsPort, Predicate<Scrape> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Scrape scrape = fetch(metricsPort);
        while (!condition.test(scrape) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
            scrape = fetch(metricsPort);
        }
        return scrape;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the metrics", e);
        }
    }

    /**
     * Scrapes until {@link #value(String, Map)} reaches {@code expected}: the agent records just
     * after the response is on its way, so the client can be a little ahead of the metrics. Counters
     * only grow, so a value past {@code expected} ends the wait as well (and fails the test's
     * equality check at once rather than after the timeout). Having reached it exactly, it scrapes
     * once more after {@link #SETTLE}. Returns the last scrape either way.
     */
    public static Scrape awaitValue(int metricsPort, String name, Map<String, String> labels, double expected,
                                    Duration timeout) {
        Scrape reached = await(metricsPort, s -> s.value(name, labels) >= expected, timeout);
        if (reached.value(name, labels) != expected) {
            return reached;
        }
        // Reached exactly: look once more a moment later, so that a duplicate recorded late (say, once
        // when an async servlet returns and again when it completes) is seen rather than missed.
        sleep(SETTLE);
        return fetch(metricsPort);
    }

    /** {@link #awaitValue(int, String, Map, double, Duration)} with a 10 s bound. */
    public static Scrape awaitValue(int metricsPort, String name, Map<String, String> labels, double expected) {
        return awaitValue(metricsPort, name, labels, expected, Duration.ofSeconds(10));
    }

    /** Parses Prometheus text exposition format 0.0.4 (and OpenMetrics 1.0 sample lines). */
    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(new LineParser(line).sample());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the scrape is not a sample: " + line, e);
            }
        }
        return new Scrape(text, Collections.unmodifiableList(samples));
    }

    /** The body exactly as served. */
    public String text() {
        return text;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Samples named exactly {@code name} whose labels include {@code labelsSubset}. */
    public List<Sample> samples(String name, Map<String, String> labelsSubset) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.matches(labelsSubset))
                .collect(Collectors.toList());
    }

    /** The sum of the samples named {@code name} whose labels include {@code labelsSubset}; 0 if none. */
    public double value(String name, Map<String, String> labelsSubset) {
        return samples(name, labelsSubset).stream().mapToDouble(Sample::value).sum();
    }

    public double value(String name) {
        return value(name, Map.of());
    }

    /** Whether any sample is named exactly {@code name}. */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** Every sample whose name starts with {@code namePrefix}. */
    public List<Sample> series(String namePrefix) {
        return samples.stream().filter(s -> s.name().startsWith(namePrefix)).collect(Collectors.toList());
    }

    /** The distinct values of {@code label} across samples named {@code name} ({@code ""} for absent). */
    public Set<String> labelValues(String name, String label) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .map(s -> s.label(label))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The raw lines whose metric name starts with {@code namePrefix}, for assertion messages:
     * {@code assertThat(...).as(scrape.lines("http_server_request_duration_seconds_count"))}.
     */
    public String lines(String namePrefix) {
        String found = text.lines()
                .filter(l -> l.startsWith(namePrefix))
                .collect(Collectors.joining("\n"));
        return found.isEmpty() ? "(no line starting with " + namePrefix + " in the scrape)" : "\n" + found;
    }

    @Override
    public String toString() {
        return text;
    }

    /** One sample line: {@code name[{k="v",...}] value [timestamp] [# exemplar]}. */
    private static final class LineParser {
        private final String line;
        private int pos;

        LineParser(String line) {
            this.line = line;
        }

        Sample sample() {
            Map<String, String> labels = new LinkedHashMap<>();
            String name;
            if (peek() == '{') {
                // Prometheus 3 / client_java 1.x quoted-name form: {"name", k="v"}.
                name = null;
            } else {
                name = token("{ \t");
            }
            if (pos < line.length() && peek() == '{') {
                pos++;
                name = labels(labels, name);
            }
            skipSpaces();
            double value = number(token(" \t"));
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("no metric name");
            }
            return new Sample(name, Collections.unmodifiableMap(labels), value);
        }

        /** Reads {@code k="v",...}} and returns the metric name (a quoted name may be inside). */
        private String labels(Map<String, String> into, String name) {
            while (true) {
                skipSpaces();
                char c = peek();
                if (c == '}') {
                    pos++;
                    return name;
                }
                if (c == ',') {
                    pos++;
                    continue;
                }
                if (c == '"') {
                    // A quoted name standing alone is the metric name; followed by '=' it is a label key.
                    String quoted = quoted();
                    skipSpaces();
                    if (peek() == '=') {
                        pos++;
                        skipSpaces();
                        into.put(quoted, quoted());
                    } else {
                        name = quoted;
                    }
                    continue;
                }
                String key = token("= \t").strip();
                skipSpaces();
                expect('=');
                skipSpaces();
                into.put(key, quoted());
            }
        }

        private String quoted() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = line.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    char escaped = line.charAt(pos++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
        }

        private String token(String stopChars) {
            int start = pos;
            while (pos < line.length() && stopChars.indexOf(line.charAt(pos)) < 0) {
                pos++;
            }
            return line.substring(start, pos);
        }

        private static double number(String token) {
            switch (token) {
                case "+Inf":
                case "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                case "NaN":
                    return Double.NaN;
                default:
                    return Double.parseDouble(token);
            }
        }

        private char peek() {
            if (pos >= line.length()) {
                throw new IllegalArgumentException("unexpected end of line at column " + pos);
            }
            return line.charAt(pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + pos);
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
                pos++;
            }
        }
    }
}
