package dev.vigil.agent.alerts;

import dev.vigil.agent.alerts.Signal.EventRate;
import dev.vigil.agent.alerts.Signal.EventRatio;
import dev.vigil.agent.alerts.Signal.RouteErrorRatio;
import dev.vigil.agent.alerts.Signal.RouteLatency;
import dev.vigil.agent.alerts.Signal.RouteLatencyObjective;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes promtool unit tests for every compiled alert: it fires when it should (with its exact labels
 * and the formatted value in its annotations), it stays silent when the service is healthy and when
 * there is too little traffic to judge, and its NoData companion fires when the series are missing.
 *
 * <p>The input series are made from the alert's own threshold: a value on the wrong side of it (half
 * way, or twice as far) with traffic well above the guard, the same with traffic at half the guard,
 * and a healthy value. Fires-tests use two instances, so they also prove that the rules sum across
 * instances. Counters are sampled every minute from 0, so {@code rate} over a full window is exact.
 */
final class PromtoolTestsWriter {
    static final String JOB = "shop";
    static final String DEFAULT_SERVICE = "shop";
    static final List<String> INSTANCES = List.of("a:9464", "b:9464");
    /** Test traffic never goes below this many per minute, so the fires-case is far above any guard. */
    private static final double BASE_PER_MINUTE = 10;
    private static final PromDuration SETTLE = PromDuration.minutes(5);
    /** How long series exist before the restart of a NoData test. */
    private static final PromDuration BEFORE_RESTART = PromDuration.minutes(30);
    /** A service in the same Prometheus that the alert is not about. */
    static final String OTHER_SERVICE = "billing";

    private final AlertsCompiler compiler;
    private final YamlText yaml = new YamlText();

    private PromtoolTestsWriter(AlertsCompiler compiler) {
        this.compiler = compiler;
    }

    static String write(AlertsConfig config, AlertsCompiler compiler, String rulesFileName, String sourceName) {
        PromtoolTestsWriter writer = new PromtoolTestsWriter(compiler);
        writer.yaml.line(0, "# promtool unit tests of " + rulesFileName + ", compiled from " + sourceName + ":")
                .line(0, "#   promtool test rules <this file>")
                .line(0, "# For each alert: it fires past its threshold (two instances, summed), stays silent when healthy")
                .line(0, "# and under too little traffic, and its NoData companion fires when the series are missing.")
                .line(0, "# Series are sampled every minute; `0+10x40` is 0, 10, 20, ... (40 steps).")
                .line(0, "rule_files:")
                .line(2, "- " + rulesFileName)
                .blank()
                .line(0, "evaluation_interval: 1m")
                .blank()
                .line(0, "tests:");
        for (AlertSpec spec : config.alerts()) {
            writer.alertTests(spec);
        }
        for (SloSpec slo : config.slos()) {
            writer.sloTests(slo);
        }
        return writer.yaml.toString();
    }

    // ------------------------------------------------------------------ alerts

    /** What an alert sees in one test: its value and how much traffic carries it. */
    private record Load(double value, double perMinute, boolean valueSeriesPresent) {
    }

    private void alertTests(AlertSpec spec) {
        AlertRule rule = compiler.alert(spec);
        AlertRule noData = spec.hasNoDataCompanion() ? compiler.noData(spec) : null;
        PromDuration eval = spec.over().plus(spec.pending()).plus(SETTLE);
        int length = (int) eval.plus(SETTLE).minutes();
        String service = service(spec.service());
        double busy = Math.max(BASE_PER_MINUTE, Math.ceil(2.0 * spec.minTraffic() / spec.over().minutes()));
        double quiet = spec.minTraffic() / (double) spec.over().minutes() / 2;

        yaml.blank().line(2, "# " + "-".repeat(64) + " " + spec.name());
        double firing = firingValue(spec);
        test(spec.name() + " fires at " + describe(spec, firing) + ", summed over two instances",
                series(spec, new Load(firing, busy, true), service, length),
                check(eval, rule, firing, service));
        if (spec.signal() instanceof EventRate && spec.comparison() == Comparison.BELOW && spec.service() != null) {
            test(spec.name() + " fires when the event never happened while the service answers requests",
                    series(spec, new Load(0, busy, false), service, length),
                    check(eval, rule, 0, service));
        }
        if (spec.signal() instanceof EventRate && spec.comparison() == Comparison.BELOW && spec.service() == null) {
            test(spec.name() + " fires when the event stopped while the service answers requests",
                    series(spec, new Load(0, busy, true), service, length),
                    check(eval, rule, 0, service));
            // Without service:, the alert must not judge services that have never recorded the event.
            List<String> twoServices = new ArrayList<>(series(spec, new Load(healthyValue(spec), busy, true), service, length));
            twoServices.addAll(counter(requestLabels("GET", "/", "200", "", OTHER_SERVICE), busy, length));
            test(spec.name() + " stays silent for a service that never records the event",
                    twoServices, silent(eval, rule.name()));
        }
        if (spec.signal() instanceof EventRatio && spec.comparison() == Comparison.BELOW) {
            test(spec.name() + " fires when every event is bad (no good series at all)",
                    series(spec, new Load(0, busy, false), service, length),
                    check(eval, rule, 0, service));
        }
        Check[] healthy = noData == null ? new Check[] {silent(eval, rule.name())}
                : new Check[] {silent(eval, rule.name()), silent(eval, noData.name())};
        test(spec.name() + " stays silent when healthy (" + describe(spec, healthyValue(spec)) + ")",
                series(spec, new Load(healthyValue(spec), busy, true), service, length), healthy);
        boolean guardCanBind = spec.minTraffic() > 0 && !(spec.signal() instanceof EventRate
                && spec.comparison() == Comparison.ABOVE && quiet <= spec.threshold());
        if (guardCanBind) {
            // "rate above" is judged on its own events: too few of them, at a rate still above the threshold.
            double quietValue = spec.signal() instanceof EventRate && spec.comparison() == Comparison.ABOVE ? quiet : firing;
            test(spec.name() + " stays silent at " + describe(spec, quietValue) + " under too little traffic ("
                            + PromQl.number(quiet * spec.over().minutes()) + " in " + spec.over() + ", the guard is "
                            + spec.minTraffic() + ")",
                    series(spec, new Load(quietValue, quiet, true), service, length),
                    silent(eval, rule.name()));
        } else {
            yaml.line(2, "# " + spec.name() + " has no low-traffic test: its threshold already needs at least "
                    + spec.minTraffic() + " event(s) in " + spec.over() + ".");
        }
        if (noData == null) {
            yaml.line(2, "# " + spec.name() + " has no NoData companion: no " + ((EventRate) spec.signal()).event()
                    + " event at all is the healthy state.");
            return;
        }
        noDataTest(noData, AlertsCompiler.watchedSeries(spec), spec.pending(), length);
        if (AlertsCompiler.noDataWindow(spec).compareTo(AlertsCompiler.NO_DATA_WINDOW) <= 0) {
            PromDuration quietFor = spec.over().plus(spec.pending()).plus(SETTLE);
            test(noData.name() + " stays silent when the flow is quiet for " + quietFor + " after a restart",
                    series(spec, new Load(healthyValue(spec), busy, true), service, (int) BEFORE_RESTART.minutes()),
                    silent(BEFORE_RESTART.plus(quietFor), noData.name()));
        }
    }

    /** Past the threshold: half of a "below" threshold, or beyond an "above" one. */
    private static double firingValue(AlertSpec spec) {
        double t = spec.threshold();
        Signal signal = spec.signal();
        if (signal instanceof RouteLatency latency) {
            double[] bucket = slowBucket(t);
            // Every request in (lo, hi]: interpolated to lo + (hi - lo) x q; in the +Inf bucket the quantile is lo.
            return Double.isInfinite(bucket[1]) ? bucket[0] : round(bucket[0] + (bucket[1] - bucket[0]) * latency.quantile());
        }
        if (spec.comparison() == Comparison.BELOW) {
            return t / 2;
        }
        if (signal instanceof EventRate) {
            // Twice the threshold, and enough events for the min_events guard.
            return Math.max(t == 0 ? 1 : 2 * t, 2.0 * spec.minTraffic() / spec.over().minutes());
        }
        return (1 + t) / 2; // a ratio above t: half way to 100%
    }

    private static double healthyValue(AlertSpec spec) {
        Signal signal = spec.signal();
        if (signal instanceof RouteLatency latency) {
            return round(AlertMetrics.HTTP_BUCKETS.get(0) * latency.quantile()); // every request in the first bucket
        }
        if (signal instanceof EventRatio) {
            return spec.comparison() == Comparison.BELOW ? 1 : 0;
        }
        if (signal instanceof EventRate) {
            return spec.comparison() == Comparison.BELOW ? 2 * spec.threshold() : spec.threshold() / 2;
        }
        return 0;
    }

    private static String describe(AlertSpec spec, double value) {
        Signal signal = spec.signal();
        if (signal instanceof RouteLatency) {
            return GoFormat.humanizeDuration(value);
        }
        if (signal instanceof EventRate) {
            return PromQl.number(round(value)) + " per minute";
        }
        return GoFormat.humanizePercentage(value);
    }

    private List<String> series(AlertSpec spec, Load load, String service, int length) {
        Signal signal = spec.signal();
        if (signal instanceof EventRatio ratio) {
            return ratioSeries(ratio, load, service, length);
        }
        if (signal instanceof EventRate rate) {
            List<String> series = new ArrayList<>();
            EventRef event = rate.event();
            if (load.valueSeriesPresent) {
                series.addAll(counter(events(event.event(), event.outcome() == null ? EventRef.SUCCESS : event.outcome(), service),
                        load.value, length));
            }
            if (spec.comparison() == Comparison.BELOW) {
                series.addAll(counter(requestLabels("GET", "/", "200", "", service), load.perMinute, length));
            }
            return series;
        }
        if (signal instanceof RouteLatency latency) {
            return latencySeries(latency.route(), spec.threshold(), load.value > spec.threshold(), load.perMinute, service, length);
        }
        Route route = AlertsCompiler.route(signal);
        return errorSeries(route, load.value, load.perMinute, load.value == 0, service, length);
    }

    private List<String> ratioSeries(EventRatio ratio, Load load, String service, int length) {
        List<String> series = new ArrayList<>();
        EventRef good = ratio.goodSeries();
        EventRef bad = ratio.badSeries().orElseThrow();
        if (load.valueSeriesPresent) {
            series.addAll(counter(events(good.event(), good.outcome(), service), load.perMinute * load.value, length));
        }
        series.addAll(counter(events(bad.event(), bad.outcome(), service), load.perMinute * (1 - load.value), length));
        return series;
    }

    /**
     * The agent's own buckets, every one of them: a slow route has every request in the first bucket
     * whose lower bound is at least t, a fast one in the first bucket of all.
     */
    private List<String> latencySeries(Route route, double t, boolean slow, double perMinute, String service, int length) {
        List<String> series = new ArrayList<>(counter(requestLabels(route.method(), route.template(), "200", "", service), perMinute, length));
        double filledFrom = slow ? slowBucket(t)[1] : AlertMetrics.HTTP_BUCKETS.get(0);
        for (double le : bucketsAndInf()) {
            series.addAll(counterWith(AlertMetrics.HTTP_BUCKET, bucketLabels(route, le, service), le >= filledFrom ? perMinute : 0, length));
        }
        return series;
    }

    /** {lo, hi}: the agent's first bucket (lo, hi] above a latency threshold t; hi is +Inf past the largest bound. */
    private static double[] slowBucket(double t) {
        List<Double> bounds = bucketsAndInf();
        for (int i = 0; i < bounds.size() - 1; i++) {
            if (bounds.get(i) >= t) {
                return new double[] {bounds.get(i), bounds.get(i + 1)};
            }
        }
        throw new IllegalArgumentException("a latency threshold at or above the largest bucket: " + t);
    }

    private static List<Double> bucketsAndInf() {
        List<Double> bounds = new ArrayList<>(AlertMetrics.HTTP_BUCKETS);
        bounds.add(Double.POSITIVE_INFINITY);
        return bounds;
    }

    private static Map<String, String> bucketLabels(Route route, double le, String service) {
        Map<String, String> labels = requestLabels(route.method(), route.template(), "200", "", service);
        labels.put("le", Double.isInfinite(le) ? "+Inf" : PromQl.number(le));
        return labels;
    }

    /** 5xx at {@code errorShare} of the traffic; a healthy route also answers 404s, which are never errors. */
    private List<String> errorSeries(Route route, double errorShare, double perMinute, boolean with404,
            String service, int length) {
        List<String> series = new ArrayList<>();
        series.addAll(counter(requestLabels(route.method(), route.template(), "200", "", service), perMinute * (1 - errorShare), length));
        if (errorShare > 0) {
            series.addAll(counter(requestLabels(route.method(), route.template(), "500", "java.lang.IllegalStateException", service),
                    perMinute * errorShare, length));
        }
        if (with404) {
            series.addAll(counter(requestLabels(route.method(), route.template(), "404", "", service), perMinute / 2, length));
        }
        return series;
    }

    // ------------------------------------------------------------------ SLOs

    private void sloTests(SloSpec slo) {
        List<AlertRule> burns = compiler.burnAlerts(slo);
        List<BurnWindow> pairs = slo.burnWindows();
        AlertRule noData = compiler.sloNoData(slo);
        String service = service(slo.service());
        // Long enough for the slowest pair's for:, with some history before it starts counting.
        PromDuration slowestFor = pairs.stream().map(BurnWindow::pending).max(PromDuration::compareTo).orElseThrow();
        PromDuration eval = slowestFor.plus(PromDuration.minutes(20));
        int length = (int) eval.plus(PromDuration.minutes(10)).minutes();
        double budget = slo.errorBudget().doubleValue();
        double fastest = pairs.get(0).factor().doubleValue();
        double fast = 2 * fastest * budget < 1 ? 2 * fastest : (1 / budget + fastest) / 2;
        double slow = 2 * pairs.get(pairs.size() - 1).factor().doubleValue(); // below the 3x and 6x pairs
        String name = slo.burnAlertName();

        yaml.blank().line(2, "# " + "-".repeat(64) + " SLO " + slo.name());
        test(name + " pages and tickets when the budget burns " + PromQl.number(fast) + "x (every window pair)",
                sloSeries(slo, fast * budget, busy(slo, fast * budget), service, length),
                check(eval, name, burns, fast, service));
        test(name + " only tickets at " + PromQl.number(slow) + "x (the " + pairs.get(pairs.size() - 1).longWindow() + " pair)",
                sloSeries(slo, slow * budget, busy(slo, slow * budget), service, length),
                check(eval, name, burns.subList(pairs.size() - 1, pairs.size()), slow, service));
        // 0.8x: the objective is met, so nothing may fire, whatever the SLO window.
        test(name + " stays silent when the objective is met (errors at 0.8x the budget)",
                sloSeries(slo, 0.8 * budget, busy(slo, 0.8 * budget), service, length),
                silent(eval, name), silent(eval, noData.name()));
        if (slo.minTraffic() > 0) {
            double quiet = slo.minTraffic() / 2.0 / length;
            test(name + " stays silent when every request fails but there are only " + PromQl.number(slo.minTraffic() / 2.0)
                            + " in all (the guard is " + slo.minTraffic() + " per long window)",
                    sloSeries(slo, 1, quiet, service, length),
                    silent(eval, name));
        }
        oneBadEventTest(slo, pairs.get(0), eval, service, length);
        noDataTest(noData, AlertsCompiler.sloWatchedSeries(slo), AlertsCompiler.SLO_NO_DATA_FOR, length);
        PromDuration quietFor = PromDuration.hours(1).plus(AlertsCompiler.SLO_NO_DATA_FOR).plus(SETTLE);
        test(noData.name() + " stays silent when the flow is quiet for " + quietFor + " after a restart",
                sloSeries(slo, 0, BASE_PER_MINUTE, service, (int) BEFORE_RESTART.minutes()),
                silent(BEFORE_RESTART.plus(quietFor), noData.name()));
    }

    /**
     * Traffic at which even the start of the slowest pair's {@code for:} (ten minutes of data) holds twice
     * the guards: bad events at {@code errorShare}, and requests.
     */
    private static double busy(SloSpec slo, double errorShare) {
        double forBad = errorShare == 0 ? 0 : 2.0 * slo.minBadEvents() / (errorShare * 10);
        return Math.ceil(Math.max(BASE_PER_MINUTE, Math.max(forBad, 2.0 * slo.minTraffic() / 10)));
    }

    /**
     * One bad request among few: a large share of them, past the fastest pair's threshold, yet one
     * failure is not a page. Written only where that share really is past the threshold.
     */
    private void oneBadEventTest(SloSpec slo, BurnWindow fastest, PromDuration eval, String service, int length) {
        // 25 an hour, or just past the traffic guard, so that it is min_bad_events that keeps the alert silent.
        double perMinute = Math.max(25 / 60.0, 1.25 * slo.minTraffic() / fastest.longWindow().minutes());
        double share = 1 / (perMinute * fastest.longWindow().minutes());
        double threshold = fastest.factor().doubleValue() * slo.errorBudget().doubleValue();
        if (slo.minBadEvents() < 2 || share <= threshold) {
            yaml.line(2, "# " + slo.burnAlertName() + " has no single-failure test: one bad event in "
                    + PromQl.number(round(perMinute * fastest.longWindow().minutes())) + " is not past "
                    + GoFormat.humanizePercentage(threshold) + (slo.minBadEvents() < 2 ? ", or min_bad_events lets it page" : "") + ".");
            return;
        }
        // The failure 4 minutes before the check: inside both windows of the fastest pair (at least 5m), and
        // for longer than its for: (at most 2m) even if a rule group sees the recording rules a minute late.
        int at = (int) eval.minutes() - 5;
        test(slo.burnAlertName() + " stays silent on one bad event among " + PromQl.number(round(perMinute * 60))
                        + " per hour (" + GoFormat.humanizePercentage(share) + " of the " + fastest.longWindow()
                        + " window; min_bad_events is " + slo.minBadEvents() + ")",
                sloSeries(slo, 0, perMinute, service, length, at),
                silent(eval, slo.burnAlertName()));
    }

    private List<String> sloSeries(SloSpec slo, double errorShare, double perMinute, String service, int length) {
        return sloSeries(slo, errorShare, perMinute, service, length, -1);
    }

    /**
     * Requests or events at {@code errorShare} bad, and one more bad one at minute {@code badAt} (none if
     * negative). Good series are always present, as the agent exports them once anything was counted.
     */
    private List<String> sloSeries(SloSpec slo, double errorShare, double perMinute, String service, int length, int badAt) {
        Signal sli = slo.sli();
        Step bad = new Step(perMinute * errorShare, badAt);
        double good = perMinute * (1 - errorShare);
        List<String> series = new ArrayList<>();
        if (sli instanceof EventRatio ratio) {
            EventRef goodRef = ratio.goodSeries();
            EventRef badRef = ratio.badSeries().orElseThrow();
            series.addAll(counter(events(goodRef.event(), goodRef.outcome(), service), good, length));
            series.addAll(counterWith(AlertMetrics.EVENTS_TOTAL, events(badRef.event(), badRef.outcome(), service), bad, length));
            return series;
        }
        Route route = AlertsCompiler.route(sli);
        if (sli instanceof RouteLatencyObjective latency) {
            // Good requests in the first bucket, bad ones in the bucket just above the objective's bound.
            series.addAll(counterWith(AlertMetrics.HTTP_COUNT, requestLabels(route.method(), route.template(), "200", "", service),
                    bad.plus(good), length));
            for (double le : bucketsAndInf()) {
                series.addAll(counterWith(AlertMetrics.HTTP_BUCKET, bucketLabels(route, le, service),
                        le > latency.le() ? bad.plus(good) : new Step(good, -1), length));
            }
            return series;
        }
        series.addAll(counter(requestLabels(route.method(), route.template(), "200", "", service), good, length));
        series.addAll(counterWith(AlertMetrics.HTTP_COUNT,
                requestLabels(route.method(), route.template(), "500", "java.lang.IllegalStateException", service), bad, length));
        return series;
    }

    // ------------------------------------------------------------------ NoData

    private void noDataTest(AlertRule noData, Selector watched, PromDuration pending, int length) {
        Map<String, String> labels = new TreeMap<>(noData.labels());
        labels.putAll(watched.equalityLabels());
        PromDuration eval = pending.plus(PromDuration.minutes(2));
        List<String> unrelated = List.of(YamlText.singleQuote("up{job=\"" + JOB + "\",instance=\"" + INSTANCES.get(0) + "\"}"),
                YamlText.singleQuote("1x" + length));
        test(noData.name() + " fires when the series are missing (a renamed event or route, a dead scrape)",
                unrelated, expect(eval, noData.name(), List.of(expected(labels, noData, 1))));
    }

    // ------------------------------------------------------------------ checks

    private record Check(PromDuration eval, String alertname, List<Expected> alerts) {
    }

    private record Expected(Map<String, String> labels, Map<String, String> annotations) {
    }

    private Check check(PromDuration eval, AlertRule rule, double value, String service) {
        return check(eval, rule.name(), List.of(rule), value, service);
    }

    private Check check(PromDuration eval, String alertname, List<AlertRule> rules, double value, String service) {
        List<Expected> alerts = new ArrayList<>();
        for (AlertRule rule : rules) {
            Map<String, String> labels = new TreeMap<>(rule.labels());
            labels.put(AlertMetrics.JOB, JOB);
            labels.put(AlertMetrics.SERVICE, service);
            if (rule.labels().containsKey(AlertsCompiler.LONG_WINDOW_LABEL)) {
                labels.put(AlertsCompiler.SLO_LABEL, sloName(rule));
            }
            alerts.add(expected(labels, rule, value));
        }
        return expect(eval, alertname, alerts);
    }

    /** The SLO a burn alert belongs to: its recording rules carry the name as the {@code slo} label. */
    private static String sloName(AlertRule rule) {
        String expr = rule.expr();
        int start = expr.indexOf(AlertsCompiler.SLO_LABEL + "=\"") + AlertsCompiler.SLO_LABEL.length() + 2;
        return expr.substring(start, expr.indexOf('"', start));
    }

    private static Expected expected(Map<String, String> labels, AlertRule rule, double value) {
        return new Expected(labels, rule.annotations().apply(TemplateStyle.rendered(value, labels)));
    }

    private static Check expect(PromDuration eval, String alertname, List<Expected> alerts) {
        return new Check(eval, alertname, alerts);
    }

    private static Check silent(PromDuration eval, String alertname) {
        return new Check(eval, alertname, List.of());
    }

    private void test(String name, List<String> series, Check... checks) {
        yaml.line(2, "- name: " + YamlText.quote(name))
                .line(4, "interval: 1m")
                .line(4, "input_series:");
        for (int i = 0; i < series.size(); i += 2) {
            yaml.line(6, "- series: " + series.get(i)).line(8, "values: " + series.get(i + 1));
        }
        yaml.line(4, "alert_rule_test:");
        for (Check check : checks) {
            yaml.line(6, "- eval_time: " + check.eval)
                    .line(8, "alertname: " + check.alertname);
            if (check.alerts.isEmpty()) {
                yaml.line(8, "exp_alerts: []");
                continue;
            }
            yaml.line(8, "exp_alerts:");
            for (Expected alert : check.alerts) {
                yaml.line(10, "- exp_labels:");
                alert.labels.forEach((k, v) -> yaml.line(14, k + ": " + YamlText.quote(v)));
                yaml.line(12, "exp_annotations:");
                alert.annotations.forEach((k, v) -> yaml.line(14, k + ": " + YamlText.quote(v)));
            }
        }
    }

    // ------------------------------------------------------------------ series

    private static String service(String configured) {
        return configured == null ? DEFAULT_SERVICE : configured;
    }

    private static Map<String, String> events(String event, String outcome, String service) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(AlertMetrics.EVENT, event);
        labels.put(AlertMetrics.OUTCOME, outcome);
        labels.put(AlertMetrics.SERVICE, service);
        return labels;
    }

    private static Map<String, String> requestLabels(String method, String route, String status, String errorType, String service) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(AlertMetrics.METHOD, method);
        labels.put(AlertMetrics.ROUTE, route);
        labels.put(AlertMetrics.STATUS, status);
        labels.put(AlertMetrics.ERROR_TYPE, errorType);
        labels.put(AlertMetrics.SERVICE, service);
        return labels;
    }

    /** A counter split evenly over the two instances: pairs of (series, values) lines. */
    private static List<String> counter(Map<String, String> labels, double perMinute, int length) {
        String metric = labels.containsKey(AlertMetrics.EVENT) ? AlertMetrics.EVENTS_TOTAL : AlertMetrics.HTTP_COUNT;
        return counterWith(metric, labels, perMinute, length);
    }

    private static List<String> counterWith(String metric, Map<String, String> labels, double perMinute, int length) {
        return counterWith(metric, labels, new Step(perMinute, -1), length);
    }

    /**
     * A counter rising {@code perMinute} (split over the instances), plus one count on the first instance at
     * minute {@code at} when {@code at >= 0}.
     */
    private record Step(double perMinute, int at) {
        Step plus(double more) {
            return new Step(perMinute + more, at);
        }

        String values(int instance, int length) {
            String rate = PromQl.number(round(perMinute / INSTANCES.size()));
            if (at < 0 || instance != 0) {
                return "0+" + rate + "x" + length;
            }
            double afterStep = round(perMinute / INSTANCES.size() * (at + 1) + 1);
            return "0+" + rate + "x" + at + " " + PromQl.number(afterStep) + "+" + rate + "x" + (length - at - 1);
        }
    }

    private static List<String> counterWith(String metric, Map<String, String> labels, Step step, int length) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < INSTANCES.size(); i++) {
            StringBuilder series = new StringBuilder(metric).append("{job=").append(Selector.quote(JOB))
                    .append(",instance=").append(Selector.quote(INSTANCES.get(i)));
            labels.forEach((k, v) -> series.append(',').append(k).append('=').append(Selector.quote(v)));
            lines.add(YamlText.singleQuote(series.append('}').toString()));
            lines.add(YamlText.singleQuote(step.values(i, length)));
        }
        return lines;
    }

    /** 12 significant digits: enough for any test value, and no binary noise such as 4.749999999999999. */
    private static double round(double value) {
        return new BigDecimal(value).round(new MathContext(12)).doubleValue();
    }
}
