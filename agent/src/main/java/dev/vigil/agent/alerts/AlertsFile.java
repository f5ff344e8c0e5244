package dev.vigil.agent.alerts;

import static dev.vigil.agent.core.yaml.YamlDocument.isNull;
import static dev.vigil.agent.core.yaml.YamlDocument.line;

import dev.vigil.agent.alerts.Signal.EventRate;
import dev.vigil.agent.alerts.Signal.EventRatio;
import dev.vigil.agent.alerts.Signal.RouteErrorRatio;
import dev.vigil.agent.alerts.Signal.RouteLatency;
import dev.vigil.agent.alerts.Signal.RouteLatencyObjective;
import dev.vigil.agent.core.metrics.MetricNames;
import dev.vigil.agent.core.yaml.DidYouMean;
import dev.vigil.agent.core.yaml.YamlDocument;
import dev.vigil.agent.core.yaml.YamlReadError;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and checks an {@code alerts.yaml} (the format is described in docs/ALERTS.md). SnakeYAML's node
 * API is used rather than loading into maps so that every mistake can name its line.
 */
final class AlertsFile {
    static final long DEFAULT_MIN_EVENTS = 20;
    static final long DEFAULT_MIN_REQUESTS = 20;
    /** "rate above" is its own traffic guard: above 5 per minute over 10m already means 50 events. */
    static final long DEFAULT_MIN_EVENTS_RATE_ABOVE = 1;
    static final PromDuration DEFAULT_FOR = PromDuration.minutes(5);
    static final PromDuration MIN_OVER = PromDuration.minutes(1);
    /** Longer windows are SLOs, not alerts; and a rate over 100000d is a typo that Prometheus would happily evaluate. */
    static final PromDuration MAX_OVER = PromDuration.days(7);
    static final PromDuration DEFAULT_SLO_WINDOW = PromDuration.days(30);
    static final PromDuration MIN_SLO_WINDOW = PromDuration.days(1);
    static final PromDuration MAX_SLO_WINDOW = PromDuration.days(90);
    /** A single failure on a quiet service can be a large share of a few requests; it alone never pages. */
    static final long DEFAULT_MIN_BAD_EVENTS = 2;
    /** Five nines: beyond it the budget is too small to measure with counters scraped every few seconds. */
    static final BigDecimal MAX_OBJECTIVE = new BigDecimal("99.999");
    /**
     * An alerts file is a few kilobytes; SnakeYAML's own limit (3 MB) is reached only after it has built
     * nodes for all of it, seconds and hundreds of megabytes later. Checked before parsing.
     */
    static final int MAX_FILE_BYTES = 256 * 1024;
    static final String DEFAULT_SEVERITY = "ticket";

    private static final List<String> TOP_KEYS = List.of("grafana_url", "service", "alerts", "slos");
    private static final List<String> ALERT_KEYS = List.of("name", "ratio", "rate", "route", "latency", "error_rate",
            "below", "above", "over", "for", "severity", "min_events", "min_requests", "runbook_url", "labels", "service",
            "no_data_severity");
    private static final List<String> SLO_KEYS = List.of("name", "route", "latency", "ratio", "objective", "window",
            "min_events", "min_requests", "min_bad_events", "runbook_url", "labels", "service");
    private static final Map<String, Double> PERCENTILES = percentiles();

    private static final Pattern ALERT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern SLO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The names vigil.yaml accepts for events; no other name can ever have a series. */
    private static final Pattern EVENT_NAME = MetricNames.EVENT_NAME;
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final Pattern LATENCY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*(s|min|m|h))?");

    private static final String DURATION_FORM = "a duration such as 15m, 1h or 30d";
    private static final String EVENTS_FORM = "an event name such as checkout.completed, a list of them,"
            + " or {event: order.placed, outcome: error}";

    private final String source;
    private final Map<String, Integer> names = new LinkedHashMap<>();

    private AlertsFile(String source) {
        this.source = source;
    }

    /** @param source the file as the user named it, used in every message */
    static AlertsConfig read(Path file, String source) throws AlertsFileException {
        Node root;
        try {
            tooLarge(file, source);
            root = YamlDocument.read(file).root();
        } catch (NoSuchFileException e) {
            throw new AlertsFileException(source + ": no such file");
        } catch (IOException e) {
            throw new AlertsFileException(source + ": cannot read it (" + e.getMessage() + ")");
        } catch (YamlReadError e) {
            throw new AlertsFileException(e.isSyntax() ? source + e.where() + ": not valid YAML: " + e.problem()
                    : source + (e.problem().equals("no such file") ? ": no such file" : ": cannot read it (" + e.problem() + ")"));
        }
        return new AlertsFile(source).config(root);
    }

    /** Refuses a file over {@link #MAX_FILE_BYTES}, naming the line where the limit falls, before parsing any of it. */
    private static void tooLarge(Path file, String source) throws IOException, AlertsFileException {
        long size = Files.size(file);
        if (size <= MAX_FILE_BYTES) {
            return;
        }
        int line = 1;
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            for (int i = 0, b; i < MAX_FILE_BYTES && (b = in.read()) >= 0; i++) {
                if (b == '\n') {
                    line++;
                }
            }
        }
        throw new AlertsFileException(source + " line " + line + ": the file is " + (size / 1024) + " KiB; an alerts file"
                + " may have at most " + (MAX_FILE_BYTES / 1024) + " KiB (a few hundred alerts), and this line is past that");
    }

    private AlertsConfig config(Node root) throws AlertsFileException {
        if (root == null || isNull(root)) {
            throw new AlertsFileException(source + ": empty; expected `alerts:` and/or `slos:` (see docs/ALERTS.md)");
        }
        Map<String, NodeTuple> top = entries(root, TOP_KEYS, "at the top level", "alerts: and slos: lists");
        String grafanaUrl = optionalText(top, "grafana_url", "a URL such as http://localhost:3000")
                .orElse(AlertsConfig.DEFAULT_GRAFANA_URL);
        if (!grafanaUrl.startsWith("http://") && !grafanaUrl.startsWith("https://")) {
            throw error(top.get("grafana_url").getValueNode(), "grafana_url: expected a URL such as http://localhost:3000, got "
                    + quoted(grafanaUrl));
        }
        grafanaUrl = grafanaUrl.replaceAll("/+$", "");
        String service = optionalText(top, "service", "a service_name such as shop").orElse(null);

        List<AlertSpec> alerts = new ArrayList<>();
        for (Node item : list(top.get("alerts"), "alerts")) {
            alerts.add(alert(item, service));
        }
        List<SloSpec> slos = new ArrayList<>();
        for (Node item : list(top.get("slos"), "slos")) {
            slos.add(slo(item, service));
        }
        if (alerts.isEmpty() && slos.isEmpty()) {
            throw error(root, "nothing to compile: expected at least one entry under `alerts:` or `slos:` (see docs/ALERTS.md)");
        }
        return new AlertsConfig(source, grafanaUrl, alerts, slos);
    }

    // ------------------------------------------------------------------ alerts

    private AlertSpec alert(Node node, String defaultService) throws AlertsFileException {
        Map<String, NodeTuple> keys = entries(node, ALERT_KEYS, "in an alert", "a mapping such as {name: CheckoutSlow, ...}");
        String name = requiredText(keys, "name", node, "a name such as CheckoutSuccessRateLow");
        String where = "alert " + name;
        if (!ALERT_NAME.matcher(name).matches()) {
            throw error(keys.get("name").getValueNode(), "name: expected letters, digits and _ starting with a letter,"
                    + " such as CheckoutSuccessRateLow, got " + quoted(name));
        }
        claim(name, keys.get("name").getValueNode());
        claim(name + "NoData", keys.get("name").getValueNode());

        List<String> kinds = present(keys, "ratio", "rate", "route");
        if (kinds.size() != 1) {
            throw error(kinds.size() > 1 ? keys.get(kinds.get(1)).getKeyNode() : node, where + ": expected exactly one of"
                    + " ratio: {good: ..., total: [...]}, rate: {event: ...} or route: \"POST /checkout\""
                    + (kinds.isEmpty() ? "" : ", got " + String.join(" and ", kinds)));
        }
        PromDuration over = duration(keys, "over", node, where);
        if (over.compareTo(MIN_OVER) < 0) {
            throw error(keys.get("over").getValueNode(), "over: at least " + MIN_OVER + ", so that the window holds"
                    + " several scrapes, got " + quoted(text(keys.get("over").getValueNode())));
        }
        if (over.compareTo(MAX_OVER) > 0) {
            throw error(keys.get("over").getValueNode(), "over: at most " + MAX_OVER + " (for longer windows write an SLO"
                    + " under slos:), got " + quoted(text(keys.get("over").getValueNode())));
        }
        PromDuration pending = keys.containsKey("for") ? duration(keys, "for", node, where)
                : over.compareTo(DEFAULT_FOR) < 0 ? over : DEFAULT_FOR;
        if (pending.compareTo(MAX_OVER) > 0) {
            throw error(keys.get("for").getValueNode(), "for: at most " + MAX_OVER + ", got "
                    + quoted(text(keys.get("for").getValueNode())));
        }

        Signal signal;
        Comparison comparison;
        double threshold;
        String thresholdText;
        String trafficKey;
        long defaultTraffic;
        switch (kinds.get(0)) {
            case "ratio" -> {
                notAllowed(keys, where, "a ratio alert", "latency", "error_rate");
                signal = ratio(keys.get("ratio").getValueNode());
                comparison = comparison(keys, node, where, "below: 0.95 or above: 5%");
                Node value = keys.get(comparison.key).getValueNode();
                threshold = fraction(value, comparison.key, "a share such as 0.95 or 95%");
                if (comparison == Comparison.BELOW ? threshold <= 0 : threshold >= 1) {
                    throw error(value, comparison.key + ": a ratio is between 0% and 100%, so " + comparison.key + " "
                            + text(value) + " can never fire");
                }
                thresholdText = percent(threshold);
                trafficKey = "min_events";
                defaultTraffic = DEFAULT_MIN_EVENTS;
            }
            case "rate" -> {
                notAllowed(keys, where, "a rate alert", "latency", "error_rate");
                signal = new EventRate(single(keys.get("rate").getValueNode()));
                comparison = comparison(keys, node, where, "below: 1 (per minute) or above: 10/min");
                Node value = keys.get(comparison.key).getValueNode();
                threshold = perMinute(value, comparison.key);
                if (comparison == Comparison.BELOW && threshold <= 0) {
                    throw error(value, "below: a rate cannot be below 0 per minute, so below: 0 can never fire");
                }
                thresholdText = PromQl.number(threshold) + " per minute";
                trafficKey = comparison == Comparison.BELOW ? "min_requests" : "min_events";
                defaultTraffic = comparison == Comparison.BELOW ? DEFAULT_MIN_REQUESTS : DEFAULT_MIN_EVENTS_RATE_ABOVE;
            }
            default -> {
                Route route = route(keys.get("route").getValueNode());
                List<String> what = present(keys, "latency", "error_rate");
                if (what.size() != 1) {
                    throw error(what.size() > 1 ? keys.get("error_rate").getKeyNode() : keys.get("route").getKeyNode(),
                            where + ": a route alert needs exactly one of latency: p95 (with above: 500ms) or"
                                    + " error_rate: {above: 5%}");
                }
                trafficKey = "min_requests";
                defaultTraffic = DEFAULT_MIN_REQUESTS;
                comparison = Comparison.ABOVE;
                if (what.get(0).equals("latency")) {
                    Node p = keys.get("latency").getValueNode();
                    String percentile = text(p, "latency", "one of " + String.join(", ", PERCENTILES.keySet()));
                    if (!PERCENTILES.containsKey(percentile)) {
                        throw error(p, "latency: expected one of " + String.join(", ", PERCENTILES.keySet()) + ", got "
                                + quoted(percentile)); // the list is short; a "did you mean" would only guess between neighbours
                    }
                    signal = new RouteLatency(route, percentile, PERCENTILES.get(percentile));
                    if (keys.containsKey("below")) {
                        throw error(keys.get("below").getKeyNode(), where + ": a latency alert fires above a duration:"
                                + " use above: 500ms");
                    }
                    Node value = required(keys, "above", node, where + ": expected above: with a duration such as 500ms or 1.5s");
                    threshold = latency(value, "above");
                    double smallest = AlertMetrics.HTTP_BUCKETS.get(0);
                    double largest = AlertMetrics.HTTP_BUCKETS.get(AlertMetrics.HTTP_BUCKETS.size() - 1);
                    // histogram_quantile never returns more than the largest finite bucket bound.
                    if (threshold >= largest || threshold < smallest) {
                        throw error(value, "above: the agent's latency buckets go from " + seconds(smallest) + " to "
                                + seconds(largest) + ", and a percentile is never read above the largest, so above: "
                                + text(value) + " could " + (threshold >= largest ? "never fire" : "not be told apart from 0")
                                + "; expected a duration from " + seconds(smallest) + " up to below " + seconds(largest));
                    }
                    thresholdText = text(value).replace(" ", "");
                } else {
                    for (String misplaced : List.of("below", "above")) {
                        if (keys.containsKey(misplaced)) {
                            throw error(keys.get(misplaced).getKeyNode(), where + ": the threshold of an error rate goes"
                                    + " inside it: error_rate: {above: 5%}");
                        }
                    }
                    signal = new RouteErrorRatio(route);
                    Map<String, NodeTuple> inside = entries(keys.get("error_rate").getValueNode(), List.of("above"),
                            "in error_rate", "{above: 5%}");
                    Node value = required(inside, "above", keys.get("error_rate").getValueNode(),
                            "error_rate: expected {above: 5%} (or {above: 0.05})");
                    threshold = fraction(value, "above", "a share such as 0.05 or 5%");
                    if (threshold >= 1) {
                        throw error(value, "above: an error rate is at most 100%, so above " + text(value) + " can never fire");
                    }
                    thresholdText = percent(threshold);
                }
            }
        }
        String wrongTrafficKey = trafficKey.equals("min_events") ? "min_requests" : "min_events";
        if (keys.containsKey(wrongTrafficKey)) {
            throw error(keys.get(wrongTrafficKey).getKeyNode(), where + ": " + wrongTrafficKey + " does not apply here; this"
                    + " alert is guarded by " + trafficKey + " (" + (trafficKey.equals("min_events")
                            ? "events counted in the window" : signal instanceof EventRate
                                    ? "HTTP requests the service answered in the window" : "requests to the route in the window")
                    + ")");
        }
        long minTraffic = count(keys, trafficKey).orElse(defaultTraffic);
        String severity = optionalText(keys, "severity", "a label value such as page or ticket").orElse(DEFAULT_SEVERITY);
        String noDataSeverity = optionalText(keys, "no_data_severity", "a label value such as ticket").orElse(DEFAULT_SEVERITY);
        String runbook = optionalText(keys, "runbook_url", "a URL").orElse(null);
        String service = optionalText(keys, "service", "a service_name such as shop").orElse(defaultService);
        return new AlertSpec(name, line(node), signal, comparison, threshold, thresholdText, minTraffic, over, pending,
                severity, noDataSeverity, runbook, labels(keys), service);
    }

    private Comparison comparison(Map<String, NodeTuple> keys, Node node, String where, String form) throws AlertsFileException {
        List<String> given = present(keys, "below", "above");
        if (given.size() != 1) {
            throw error(given.isEmpty() ? node : keys.get("above").getKeyNode(), where + ": expected exactly one threshold, "
                    + form + (given.isEmpty() ? ", got none" : ", got both below and above"));
        }
        return given.get(0).equals("below") ? Comparison.BELOW : Comparison.ABOVE;
    }

    // ------------------------------------------------------------------ SLOs

    private SloSpec slo(Node node, String defaultService) throws AlertsFileException {
        Map<String, NodeTuple> keys = entries(node, SLO_KEYS, "in an SLO", "a mapping such as {name: checkout-availability, ...}");
        String name = requiredText(keys, "name", node, "a name such as checkout-availability");
        Node nameNode = keys.get("name").getValueNode();
        if (!SLO_NAME.matcher(name).matches()) {
            throw error(nameNode, "name: expected letters, digits, '-', '_' or '.', such as checkout-availability, got "
                    + quoted(name));
        }
        String where = "SLO " + name;
        List<String> kinds = present(keys, "route", "ratio");
        if (kinds.size() != 1) {
            throw error(kinds.size() > 1 ? keys.get("ratio").getKeyNode() : node, where + ": expected exactly one of"
                    + " route: \"POST /checkout\" (5xx are the bad requests, or with latency: {below: 300ms} the slow ones)"
                    + " or ratio: {good: ..., total: [...]}");
        }
        boolean byRoute = kinds.get(0).equals("route");
        if (!byRoute && keys.containsKey("latency")) {
            throw error(keys.get("latency").getKeyNode(), where + ": latency: goes with route:, not with ratio:");
        }
        Signal sli = !byRoute ? ratio(keys.get("ratio").getValueNode())
                : keys.containsKey("latency") ? latencyObjective(keys.get("route").getValueNode(), keys.get("latency").getValueNode())
                : new RouteErrorRatio(route(keys.get("route").getValueNode()));

        Node objectiveNode = required(keys, "objective", node, where + ": expected objective: with a percentage such as 99.9%");
        String objectiveText = text(objectiveNode, "objective", "a percentage such as 99.9%");
        Matcher percent = PERCENT.matcher(objectiveText.trim());
        BigDecimal objective = percent.matches() ? new BigDecimal(percent.group(1)) : null;
        if (objective == null || objective.signum() <= 0 || objective.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw error(objectiveNode, "objective: expected a percentage below 100% such as 99.9%, got " + quoted(objectiveText));
        }
        if (objective.compareTo(MAX_OBJECTIVE) > 0) {
            throw error(objectiveNode, "objective: at most " + MAX_OBJECTIVE.toPlainString() + "%: a smaller error budget than"
                    + " that cannot be told apart from a single failed scrape, got " + quoted(objectiveText));
        }
        PromDuration window = keys.containsKey("window") ? duration(keys, "window", node, where) : DEFAULT_SLO_WINDOW;
        if (window.compareTo(MIN_SLO_WINDOW) < 0 || window.compareTo(MAX_SLO_WINDOW) > 0) {
            throw error(keys.get("window").getValueNode(), "window: expected a duration from " + MIN_SLO_WINDOW + " to "
                    + MAX_SLO_WINDOW + ", such as 7d or 30d, got " + quoted(text(keys.get("window").getValueNode())));
        }
        String trafficKey = byRoute ? "min_requests" : "min_events";
        String wrongKey = byRoute ? "min_events" : "min_requests";
        if (keys.containsKey(wrongKey)) {
            throw error(keys.get(wrongKey).getKeyNode(), where + ": " + wrongKey + " does not apply here; use " + trafficKey);
        }
        long minTraffic = count(keys, trafficKey).orElse(byRoute ? DEFAULT_MIN_REQUESTS : DEFAULT_MIN_EVENTS);
        long minBad = count(keys, "min_bad_events").orElse(DEFAULT_MIN_BAD_EVENTS);
        String service = optionalText(keys, "service", "a service_name such as shop").orElse(defaultService);
        SloSpec slo = new SloSpec(name, line(node), sli, objective, window, minTraffic, minBad,
                optionalText(keys, "runbook_url", "a URL").orElse(null), labels(keys), service);

        // The fastest pair must be able to fire: its threshold (factor x budget) has to stay below 100%.
        BigDecimal fastest = BurnWindow.WORKBOOK.get(0).factor();
        if (fastest.multiply(slo.errorBudget()).compareTo(BigDecimal.ONE) >= 0) {
            BigDecimal least = BigDecimal.valueOf(100).subtract(BigDecimal.valueOf(100).divide(fastest, 2, RoundingMode.DOWN));
            throw error(objectiveNode, "objective: " + objectiveText + " leaves an error budget so large that burning it "
                    + PromQl.number(fastest) + " times too fast would need more than 100% errors; use at least "
                    + PromQl.number(least) + "% (or alert on it with a ratio alert)");
        }
        claim(slo.burnAlertName(), nameNode);
        claim(slo.noDataName(), nameNode);
        return slo;
    }

    // ------------------------------------------------------------------ values

    /** {@code latency: {below: 300ms}}: the bound must be one of the agent's buckets, whose count is the good requests. */
    private RouteLatencyObjective latencyObjective(Node routeNode, Node latencyNode) throws AlertsFileException {
        Route route = route(routeNode);
        Map<String, NodeTuple> inside = entries(latencyNode, List.of("below"), "in latency", "{below: 300ms}");
        Node value = required(inside, "below", latencyNode, "latency: expected {below: 300ms}, a bound of the agent's buckets");
        double below = latency(value, "below");
        for (double bound : AlertMetrics.HTTP_BUCKETS) {
            if (Math.abs(bound - below) < 1e-9) {
                return new RouteLatencyObjective(route, bound, text(value).replace(" ", ""));
            }
        }
        double lower = AlertMetrics.HTTP_BUCKETS.stream().filter(b -> b < below).reduce((x, y) -> y).orElse(Double.NaN);
        double upper = AlertMetrics.HTTP_BUCKETS.stream().filter(b -> b > below).findFirst().orElse(Double.NaN);
        String near = Double.isNaN(lower) ? seconds(upper) : Double.isNaN(upper) ? seconds(lower)
                : seconds(lower) + " or " + seconds(upper);
        throw error(value, "below: " + text(value) + " is not one of the agent's latency buckets, so no series counts the"
                + " requests under it; the nearest are " + near + " (all: " + AlertMetrics.HTTP_BUCKETS.stream()
                        .map(AlertsFile::seconds).reduce((x, y) -> x + ", " + y).orElse("") + ")");
    }

    private EventRatio ratio(Node node) throws AlertsFileException {
        Map<String, NodeTuple> keys = entries(node, List.of("good", "total"), "in ratio",
                "{good: checkout.completed, total: [checkout.completed, checkout.failed]}");
        Node goodNode = required(keys, "good", node, "ratio: expected good: and total:, such as"
                + " {good: checkout.completed, total: [checkout.completed, checkout.failed]}");
        Node totalNode = required(keys, "total", node, "ratio: expected good: and total:, such as"
                + " {good: checkout.completed, total: [checkout.completed, checkout.failed]}");
        List<EventRef> good = refs(goodNode, "good");
        List<EventRef> total = refs(totalNode, "total");
        distinct(good, goodNode, "good");
        distinct(total, totalNode, "total");
        for (EventRef g : good) {
            if (total.stream().noneMatch(g::isWithin)) {
                throw error(goodNode, "ratio: good event " + g + " is not in total " + total
                        + "; the good events are counted among the total, so total must list it too");
            }
        }
        EventRatio ratio = new EventRatio(good, total);
        if (ratio.badSeries().isEmpty()) {
            throw error(totalNode, "ratio: good covers every event in total, so the ratio is always 100%; total must also"
                    + " count the bad ones, such as [checkout.completed, checkout.failed]");
        }
        return ratio;
    }

    private void distinct(List<EventRef> refs, Node node, String key) throws AlertsFileException {
        for (int i = 0; i < refs.size(); i++) {
            for (int j = i + 1; j < refs.size(); j++) {
                if (refs.get(i).overlaps(refs.get(j))) {
                    throw error(node, key + ": " + refs.get(i) + " and " + refs.get(j) + " count the same events twice");
                }
            }
        }
    }

    private List<EventRef> refs(Node node, String key) throws AlertsFileException {
        List<EventRef> refs = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                refs.add(ref(item, key));
            }
            if (refs.isEmpty()) {
                throw error(node, key + ": expected " + EVENTS_FORM + ", got an empty list");
            }
        } else {
            refs.add(ref(node, key));
        }
        return refs;
    }

    private EventRef single(Node node) throws AlertsFileException {
        if (node instanceof SequenceNode) {
            throw error(node, "rate: expected one event, such as {event: signup.completed}, got a list");
        }
        return ref(node, "rate");
    }

    private EventRef ref(Node node, String key) throws AlertsFileException {
        if (node instanceof MappingNode) {
            Map<String, NodeTuple> keys = entries(node, List.of("event", "outcome"), "in an event", "{event: order.placed, outcome: error}");
            String event = eventName(requiredText(keys, "event", node, "an event name such as checkout.completed"),
                    keys.get("event").getValueNode(), "event");
            String outcome = optionalText(keys, "outcome", "success or error").orElse(null);
            if (outcome != null && !outcome.equals(EventRef.SUCCESS) && !outcome.equals(EventRef.ERROR)) {
                throw error(keys.get("outcome").getValueNode(), "outcome: expected success or error, got " + quoted(outcome));
            }
            return new EventRef(event, outcome);
        }
        String event = text(node, key, EVENTS_FORM);
        if (event.isBlank()) {
            throw error(node, key + ": expected " + EVENTS_FORM + ", got nothing");
        }
        return new EventRef(eventName(event.trim(), node, key), null);
    }

    private String eventName(String event, Node node, String key) throws AlertsFileException {
        if (!EVENT_NAME.matcher(event).matches()) {
            throw error(node, key + ": expected an event name as vigil.yaml declares it (letters, digits, '.', '_', ':'"
                    + " or '-', such as checkout.completed), got " + quoted(event));
        }
        return event;
    }

    private Route route(Node node) throws AlertsFileException {
        String text = text(node, "route", "\"METHOD /template\" such as \"POST /checkout\"");
        return Route.parse(text).orElseThrow(() -> error(node, "route: expected \"METHOD /template\" such as"
                + " \"POST /checkout\" or \"GET /owners/{ownerId}\" (a route template has no query string), got "
                + quoted(text)));
    }

    private PromDuration duration(Map<String, NodeTuple> keys, String key, Node parent, String where) throws AlertsFileException {
        Node node = required(keys, key, parent, where + ": expected " + key + ": with " + DURATION_FORM);
        String text = text(node, key, DURATION_FORM);
        return PromDuration.parse(text).orElseThrow(() -> error(node, key + ": expected " + DURATION_FORM + ", got " + quoted(text)));
    }

    /** {@code 0.95} or {@code 95%}. */
    private double fraction(Node node, String key, String form) throws AlertsFileException {
        String text = text(node, key, form).trim();
        Matcher percent = PERCENT.matcher(text);
        if (percent.matches()) {
            return new BigDecimal(percent.group(1)).movePointLeft(2).doubleValue();
        }
        if (NUMBER.matcher(text).matches() && new BigDecimal(text).compareTo(BigDecimal.ONE) <= 0) {
            return Double.parseDouble(text);
        }
        throw error(node, key + ": expected " + form + ", got " + quoted(text));
    }

    /** Per minute: {@code 1}, {@code 1/min}, {@code 0.5/s}, {@code 30/h}. */
    private double perMinute(Node node, String key) throws AlertsFileException {
        String text = text(node, key, "events per minute such as 1, or 0.5/s, 10/min, 30/h").trim();
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            throw error(node, key + ": expected events per minute such as 1, or 0.5/s, 10/min, 30/h, got " + quoted(text));
        }
        BigDecimal value = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "min" : m.group(2);
        return switch (unit) {
            case "s" -> value.multiply(BigDecimal.valueOf(60)).doubleValue();
            case "h" -> value.divide(BigDecimal.valueOf(60), MathContext.DECIMAL64).doubleValue();
            default -> value.doubleValue();
        };
    }

    /** Seconds, from {@code 500ms}, {@code 1.5s} or {@code 2m}. */
    private double latency(Node node, String key) throws AlertsFileException {
        String text = text(node, key, "a duration such as 500ms or 1.5s").trim();
        Matcher m = LATENCY.matcher(text);
        if (!m.matches()) {
            throw error(node, key + ": expected a duration such as 500ms or 1.5s, got " + quoted(text));
        }
        BigDecimal value = new BigDecimal(m.group(1));
        BigDecimal seconds = switch (m.group(2)) {
            case "ms" -> value.movePointLeft(3);
            case "m" -> value.multiply(BigDecimal.valueOf(60));
            default -> value;
        };
        if (seconds.signum() == 0) {
            throw error(node, key + ": 0 fires on every request; expected a duration such as 500ms or 1.5s");
        }
        return seconds.doubleValue();
    }

    /** {@code 0.3} as {@code 300ms}, {@code 60} as {@code 60s}: how the bucket bounds are named in messages. */
    private static String seconds(double value) {
        return value < 1 ? PromQl.number(BigDecimal.valueOf(value).movePointRight(3)) + "ms" : PromQl.number(value) + "s";
    }

    private Map<String, String> labels(Map<String, NodeTuple> keys) throws AlertsFileException {
        Map<String, String> labels = new LinkedHashMap<>();
        NodeTuple entry = keys.get("labels");
        if (entry == null || isNull(entry.getValueNode())) {
            return labels;
        }
        if (!(entry.getValueNode() instanceof MappingNode mapping)) {
            throw error(entry.getValueNode(), "labels: expected a mapping such as {team: payments}");
        }
        for (NodeTuple label : mapping.getValue()) {
            String name = text(label.getKeyNode(), "labels", "a label name such as team");
            if (!LABEL_NAME.matcher(name).matches()) {
                throw error(label.getKeyNode(), "labels: " + quoted(name) + " is not a label name (letters, digits and _)");
            }
            if (Set.of("severity", "alertname", AlertsCompiler.SLO_LABEL, AlertsCompiler.LONG_WINDOW_LABEL,
                    AlertsCompiler.SHORT_WINDOW_LABEL).contains(name)) {
                throw error(label.getKeyNode(), "labels: " + name + " is set by the compiler"
                        + (name.equals("severity") ? "; use severity: instead" : ""));
            }
            labels.put(name, text(label.getValueNode(), "labels." + name, "a label value"));
        }
        return labels;
    }

    private Optional<Long> count(Map<String, NodeTuple> keys, String key) throws AlertsFileException {
        NodeTuple entry = keys.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        String text = text(entry.getValueNode(), key, "a whole number such as 20");
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(entry.getValueNode(), key + ": expected a whole number such as 20 (0 turns the guard off), got " + quoted(text));
    }

    // ------------------------------------------------------------------ YAML structure

    /** The keys of a mapping, each checked against those allowed here. */
    private Map<String, NodeTuple> entries(Node node, List<String> allowed, String where, String form)
            throws AlertsFileException {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, "expected " + form + " " + where + ", got " + describe(node));
        }
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            Node keyNode = entry.getKeyNode();
            String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
            if (key == null) {
                throw error(keyNode, "a key must be plain text " + where);
            }
            if (!allowed.contains(key)) {
                String suggestion = DidYouMean.closest(key, allowed).map(k -> "; did you mean " + k + "?").orElse("");
                throw error(keyNode, "unknown key " + quoted(key) + " " + where + suggestion + " (known keys: "
                        + String.join(", ", allowed) + ")");
            }
            if (keys.put(key, entry) != null) {
                throw error(keyNode, key + " is given twice " + where);
            }
        }
        return keys;
    }

    private List<Node> list(NodeTuple entry, String key) throws AlertsFileException {
        if (entry == null || isNull(entry.getValueNode())) {
            return List.of();
        }
        if (!(entry.getValueNode() instanceof SequenceNode sequence)) {
            throw error(entry.getValueNode(), key + ": expected a list of entries, each starting with `- name: ...`, got "
                    + describe(entry.getValueNode()));
        }
        return sequence.getValue();
    }

    private Node required(Map<String, NodeTuple> keys, String key, Node parent, String message) throws AlertsFileException {
        NodeTuple entry = keys.get(key);
        if (entry == null || isNull(entry.getValueNode())) {
            throw error(entry == null ? parent : entry.getKeyNode(), message);
        }
        return entry.getValueNode();
    }

    private String requiredText(Map<String, NodeTuple> keys, String key, Node parent, String form) throws AlertsFileException {
        Node node = required(keys, key, parent, key + ": expected " + form);
        String text = text(node, key, form);
        if (text.isBlank()) {
            throw error(node, key + ": expected " + form + ", got an empty text");
        }
        return text;
    }

    private Optional<String> optionalText(Map<String, NodeTuple> keys, String key, String form) throws AlertsFileException {
        NodeTuple entry = keys.get(key);
        if (entry == null || isNull(entry.getValueNode())) {
            return Optional.empty();
        }
        String text = text(entry.getValueNode(), key, form);
        if (text.isBlank()) {
            throw error(entry.getValueNode(), key + ": expected " + form + ", got an empty text");
        }
        return Optional.of(text);
    }

    private String text(Node node, String key, String form) throws AlertsFileException {
        if (node instanceof ScalarNode scalar && !isNull(node)) {
            String value = scalar.getValue();
            // Labels and annotations of a rule are Go templates: "{{" would be read as one, and fail or be evaluated.
            if (value.contains("{{") || value.contains("}}")) {
                throw error(node, key + ": {{ and }} would be read as a Prometheus template in the rules; expected "
                        + form + ", got " + quoted(value));
            }
            return value;
        }
        throw error(node, key + ": expected " + form + ", got " + describe(node));
    }

    private static String text(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : describe(node);
    }

    /** Alert names must be unique across the file, including the ones the compiler derives. */
    private void claim(String name, Node node) throws AlertsFileException {
        Integer earlier = names.putIfAbsent(name, line(node));
        if (earlier != null) {
            throw error(node, "the alert name " + name + " is already used on line " + earlier + "; alert names must be unique");
        }
    }

    private static List<String> present(Map<String, NodeTuple> keys, String... candidates) {
        return Arrays.stream(candidates).filter(keys::containsKey).toList();
    }

    private void notAllowed(Map<String, NodeTuple> keys, String where, String kind, String... unwanted) throws AlertsFileException {
        for (String key : unwanted) {
            if (keys.containsKey(key)) {
                throw error(keys.get(key).getKeyNode(), where + ": " + key + " belongs to a route alert"
                        + " (route: \"POST /checkout\"), not to " + kind);
            }
        }
    }

    private AlertsFileException error(Node node, String message) {
        return new AlertsFileException(source + " line " + line(node) + ": " + message);
    }

    private static String describe(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        return isNull(node) ? "nothing" : quoted(((ScalarNode) node).getValue());
    }

    private static String quoted(String text) {
        return '"' + text + '"';
    }

    private static String percent(double fraction) {
        return PromQl.number(BigDecimal.valueOf(fraction).movePointRight(2)) + "%";
    }

    private static Map<String, Double> percentiles() {
        Map<String, Double> percentiles = new LinkedHashMap<>();
        for (String p : List.of("50", "75", "90", "95", "99", "99.9")) {
            percentiles.put("p" + p, new BigDecimal(p).movePointLeft(2).doubleValue());
        }
        return percentiles;
    }
}
