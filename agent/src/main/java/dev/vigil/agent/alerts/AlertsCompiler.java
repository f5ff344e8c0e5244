package dev.vigil.agent.alerts;

import dev.vigil.agent.alerts.Signal.EventRate;
import dev.vigil.agent.alerts.Signal.EventRatio;
import dev.vigil.agent.alerts.Signal.RouteErrorRatio;
import dev.vigil.agent.alerts.Signal.RouteLatency;
import dev.vigil.agent.alerts.Signal.RouteLatencyObjective;
import dev.vigil.agent.alerts.TemplateStyle.ValueFormat;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns a checked alerts file into recording rules and alerts; the writers only format them. */
final class AlertsCompiler {
    static final String SERVICE_DASHBOARD = "vigil-service";
    static final String BUSINESS_DASHBOARD = "vigil-business";
    /** grafana-dashboards/dashboards/vigil-slos.json, which reads the recording rules below. */
    static final String SLO_DASHBOARD = "vigil-slos";
    static final String RECORD_PREFIX = "vigil:slo_errors:ratio_rate";
    static final String OBJECTIVE_RECORD = "vigil:slo_objective:ratio";
    /** The burn rate of each pair's long window, labelled with it: one name for the SLOs dashboard, whatever the windows. */
    static final String BURN_RECORD = "vigil:slo_burn:ratio";
    static final String BUDGET_REMAINING_RECORD = "vigil:slo_error_budget_remaining:ratio";
    static final String SLO_LABEL = "slo";
    static final String LONG_WINDOW_LABEL = "long_window";
    static final String SHORT_WINDOW_LABEL = "short_window";
    /**
     * How far back a NoData alert looks. A counter appears only at its first increment and vanishes with
     * a restart, so a quiet flow has no series for a while after every deploy; "missing for a whole day"
     * is what a renamed event, a dead route or a dead scrape looks like.
     */
    static final PromDuration NO_DATA_WINDOW = PromDuration.days(1);
    static final PromDuration SLO_NO_DATA_FOR = PromDuration.minutes(10);

    private final String grafanaUrl;

    AlertsCompiler(String grafanaUrl) {
        this.grafanaUrl = grafanaUrl;
    }

    /**
     * @param budgetRules the error-budget view, in a group of its own
     */
    record CompiledRules(List<RecordingRule> recordingRules, List<RecordingRule> budgetRules, List<AlertRule> alerts) {
    }

    CompiledRules compile(AlertsConfig config) {
        List<RecordingRule> recordings = new ArrayList<>();
        List<RecordingRule> budget = new ArrayList<>();
        List<AlertRule> alerts = new ArrayList<>();
        for (AlertSpec spec : config.alerts()) {
            alerts.add(alert(spec));
            if (spec.hasNoDataCompanion()) {
                alerts.add(noData(spec));
            }
        }
        for (SloSpec slo : config.slos()) {
            recordings.addAll(sloRecordingRules(slo));
            budget.addAll(sloBudgetRules(slo));
            alerts.addAll(burnAlerts(slo));
            alerts.add(sloNoData(slo));
        }
        return new CompiledRules(recordings, budget, alerts);
    }

    // ------------------------------------------------------------------ alerts: entries

    AlertRule alert(AlertSpec spec) {
        String value;
        List<Selector> counted;
        String comment;
        String threshold = PromQl.number(spec.threshold());
        String guardText = spec.minTraffic() > 0 ? " once the window holds at least " + spec.minTraffic() : "";
        Function<TemplateStyle, String[]> text; // summary, description
        String dashboard;
        Signal signal = spec.signal();
        String over = spec.over().toString();
        if (signal instanceof EventRatio ratio) {
            List<Selector> total = PromQl.events(ratio.total(), spec.service());
            value = PromQl.ratio(PromQl.events(ratio.good(), spec.service()), total, spec.over());
            counted = total;
            dashboard = BUSINESS_DASHBOARD;
            comment = "good / total events over " + over + "; no good event at all counts as 0%";
            String good = names(ratio.good());
            String all = names(ratio.total());
            text = s -> new String[] {
                    s.label(AlertMetrics.SERVICE) + ": " + good + " is " + s.value(ValueFormat.PERCENT) + " of " + all
                            + " (" + spec.comparison().key + " " + spec.thresholdText() + ")",
                    "Over the last " + over + ", " + good + " made up " + s.value(ValueFormat.PERCENT) + " of " + all
                            + " on " + where(s) + ", all instances together (fires " + spec.comparison().key + " "
                            + spec.thresholdText() + guardText + (spec.minTraffic() > 0 ? " events" : "") + ")."};
        } else if (signal instanceof EventRate rate) {
            List<Selector> event = PromQl.events(List.of(rate.event()), spec.service());
            dashboard = BUSINESS_DASHBOARD;
            if (spec.comparison() == Comparison.BELOW) {
                // A counter appears only at its first increment: while the service answers HTTP requests, a
                // missing event series means 0 per minute, not "no data". And only a service that is being
                // used can be expected to produce the events, so its HTTP traffic is the guard.
                Selector requests = PromQl.serviceRequests(spec.service());
                // Without service: every service answers requests, but only those that have recorded the
                // event lately are expected to: the others would fire forever.
                Selector seenLately = spec.service() == null ? PromQl.anyOutcome(List.of(rate.event()), null) : null;
                value = PromQl.perMinute(event, requests, seenLately, NO_DATA_WINDOW, spec.over());
                counted = List.of(requests);
                comment = "events per minute over " + over + ", 0 while the service answers HTTP requests without any;"
                        + " judged only while it answers at least " + spec.minTraffic() + " requests in the window";
            } else {
                value = PromQl.perMinute(event, null, null, null, spec.over());
                counted = event;
                comment = "events per minute over " + over;
            }
            String guard = spec.comparison() == Comparison.BELOW
                    ? (spec.minTraffic() > 0 ? " while the service answers at least " + spec.minTraffic() + " HTTP requests in the window" : "")
                    : spec.minTraffic() > 1 ? guardText + " events" : ""; // above X/min is its own guard
            text = s -> new String[] {
                    s.label(AlertMetrics.SERVICE) + ": " + s.value(ValueFormat.TWO_DECIMALS) + " " + rate.event()
                            + " per minute (" + spec.comparison().key + " " + spec.thresholdText() + ")",
                    rate.event() + " happened " + s.value(ValueFormat.TWO_DECIMALS) + " times per minute over the last "
                            + over + " on " + where(s) + ", all instances together (fires " + spec.comparison().key + " "
                            + spec.thresholdText() + guard + ")."};
        } else if (signal instanceof RouteLatency latency) {
            value = PromQl.quantile(latency.quantile(), PromQl.routeBuckets(latency.route(), spec.service()), spec.over());
            counted = List.of(PromQl.routeRequests(latency.route(), spec.service()));
            dashboard = SERVICE_DASHBOARD;
            comment = latency.percentile() + " of the buckets summed over all instances, over " + over;
            text = s -> new String[] {
                    s.label(AlertMetrics.SERVICE) + ": " + latency.percentile() + " of " + latency.route() + " is "
                            + s.value(ValueFormat.DURATION) + " (above " + spec.thresholdText() + ")",
                    "The " + ordinal(latency.percentile()) + " percentile latency of " + latency.route() + " on " + where(s)
                            + " is " + s.value(ValueFormat.DURATION) + " over the last " + over
                            + ", all instances together (fires above " + spec.thresholdText() + guardText
                            + (spec.minTraffic() > 0 ? " requests" : "") + ")."};
        } else if (signal instanceof RouteErrorRatio errors) {
            Selector requests = PromQl.routeRequests(errors.route(), spec.service());
            value = PromQl.ratio(List.of(PromQl.routeErrors(errors.route(), spec.service())), List.of(requests), spec.over());
            counted = List.of(requests);
            dashboard = SERVICE_DASHBOARD;
            comment = "5xx / all requests of " + errors.route() + " over " + over + " (an exception counts as 500)";
            text = s -> new String[] {
                    s.label(AlertMetrics.SERVICE) + ": " + s.value(ValueFormat.PERCENT) + " of " + errors.route()
                            + " requests fail (above " + spec.thresholdText() + ")",
                    s.value(ValueFormat.PERCENT) + " of requests to " + errors.route() + " on " + where(s)
                            + " answered 5xx over the last " + over + ", all instances together (fires above "
                            + spec.thresholdText() + guardText + (spec.minTraffic() > 0 ? " requests" : "") + ")."};
        } else {
            throw new IllegalArgumentException("unknown signal " + signal);
        }

        String expr = PromQl.compare(value, spec.comparison().promQl, threshold);
        String grafanaQuery = value;
        if (spec.minTraffic() > 0) {
            String guard = PromQl.atLeast(counted, spec.over(), spec.minTraffic());
            expr = PromQl.and(expr, guard);
            grafanaQuery = PromQl.and("(\n" + PromQl.indent(value) + "\n)", guard);
        }
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put("severity", spec.severity());
        String finalDashboard = dashboard;
        // Route alerts open the service dashboard on their route (its `route` variable) as well.
        String routeFilter = signal instanceof RouteLatency || signal instanceof RouteErrorRatio
                ? "&var-route=" + URLEncoder.encode(route(signal).template(), StandardCharsets.UTF_8) : "";
        return new AlertRule(spec.name(), spec.name(), comment, expr, grafanaQuery, spec.comparison(), spec.threshold(),
                spec.pending(), labels,
                s -> annotations(text.apply(s), spec.runbookUrl(), seriesDashboardUrl(finalDashboard, s) + routeFilter), dashboard);
    }

    AlertRule noData(AlertSpec spec) {
        Selector watched = watchedSeries(spec);
        String dashboard = spec.signal() instanceof RouteLatency || spec.signal() instanceof RouteErrorRatio
                ? SERVICE_DASHBOARD : BUSINESS_DASHBOARD;
        String what = whatIsWatched(spec.signal());
        String service = spec.service() == null ? "" : " of service " + spec.service();
        PromDuration window = noDataWindow(spec);
        String[] text = {
                spec.name() + " has no data: no " + what + service + " in the last " + window,
                "Prometheus has no " + seriesName(watched) + " series for " + what + service + " in the last " + window
                        + ", so " + spec.name()
                        + " cannot fire. The event or route was renamed or is no longer recorded, the service has"
                        + " not been used for that long, or it is not scraped (check up{job=...})."};
        String url = grafanaUrl + "/d/" + dashboard
                + (spec.service() == null ? "" : "?var-service=" + URLEncoder.encode(spec.service(), StandardCharsets.UTF_8));
        return noDataRule(spec.noDataName(), watched, window, spec.pending(), spec.noDataSeverity(), spec.labels(),
                text, spec.runbookUrl(), url, dashboard, spec.name());
    }

    static PromDuration noDataWindow(AlertSpec spec) {
        return spec.over().compareTo(NO_DATA_WINDOW) > 0 ? spec.over() : NO_DATA_WINDOW;
    }

    static Selector watchedSeries(AlertSpec spec) {
        Signal signal = spec.signal();
        if (signal instanceof EventRatio ratio) {
            return PromQl.anyOutcome(ratio.total(), spec.service());
        }
        if (signal instanceof EventRate rate) {
            return PromQl.anyOutcome(List.of(rate.event()), spec.service());
        }
        return PromQl.routeRequests(route(signal), spec.service());
    }

    // ------------------------------------------------------------------ SLOs

    List<RecordingRule> sloRecordingRules(SloSpec slo) {
        List<RecordingRule> rules = new ArrayList<>();
        for (PromDuration window : BurnWindow.allWindows(slo.burnWindows())) {
            rules.add(new RecordingRule(RECORD_PREFIX + window, errorRatio(slo, window), sloLabels(slo)));
        }
        for (BurnWindow pair : slo.burnWindows()) {
            rules.add(new RecordingRule(BURN_RECORD, RECORD_PREFIX + pair.longWindow() + "{" + SLO_LABEL + "="
                    + Selector.quote(slo.name()) + "} / " + PromQl.number(slo.errorBudget()),
                    Map.of(SLO_LABEL, slo.name(), LONG_WINDOW_LABEL, pair.longWindow().toString())));
        }
        return rules;
    }

    /**
     * The error-budget view, as Sloth records it: the objective, the error ratio over the whole SLO
     * window and the share of the budget left (negative once it is overspent). A rate over 30 days reads
     * weeks of samples, so these go in a group of their own that a large Prometheus can evaluate less often.
     */
    List<RecordingRule> sloBudgetRules(SloSpec slo) {
        String windowRecord = RECORD_PREFIX + slo.window();
        String windowSelector = windowRecord + "{" + SLO_LABEL + "=" + Selector.quote(slo.name()) + "}";
        return List.of(
                new RecordingRule(windowRecord, errorRatio(slo, slo.window()), sloLabels(slo)),
                // Carried by the window's series so that it has their job and service_name, as the dashboard filters.
                new RecordingRule(OBJECTIVE_RECORD, "0 * " + windowSelector + " + " + PromQl.number(slo.objective()), sloLabels(slo)),
                new RecordingRule(BUDGET_REMAINING_RECORD, "1 - " + windowRecord + "{" + SLO_LABEL + "=" + Selector.quote(slo.name())
                        + "} / " + PromQl.number(slo.errorBudget()), sloLabels(slo)));
    }

    private static Map<String, String> sloLabels(SloSpec slo) {
        return Map.of(SLO_LABEL, slo.name());
    }

    /** The share of bad requests (5xx, or slower than the bound) or bad events (total minus good) in a window, 0 when none. */
    static String errorRatio(SloSpec slo, PromDuration window) {
        Signal sli = slo.sli();
        if (sli instanceof EventRatio ratio) {
            return "1 - (\n" + PromQl.indent(PromQl.ratio(PromQl.events(ratio.good(), slo.service()),
                    PromQl.events(ratio.total(), slo.service()), window)) + "\n)";
        }
        Route route = route(sli);
        Selector requests = PromQl.routeRequests(route, slo.service());
        if (sli instanceof RouteLatencyObjective latency) {
            return "1 - (\n" + PromQl.indent(PromQl.ratio(List.of(PromQl.routeBucket(route, latency.le(), slo.service())),
                    List.of(requests), window)) + "\n)";
        }
        return PromQl.ratio(List.of(PromQl.routeErrors(route, slo.service())), List.of(requests), window);
    }

    /** How many requests or events were bad in a window: what {@code min_bad_events} is compared with. */
    static String badCount(SloSpec slo, PromDuration window) {
        Signal sli = slo.sli();
        if (sli instanceof EventRatio ratio) {
            return PromQl.difference(PromQl.events(ratio.total(), slo.service()), PromQl.events(ratio.good(), slo.service()), window);
        }
        Route route = route(sli);
        if (sli instanceof RouteLatencyObjective latency) {
            return PromQl.difference(List.of(PromQl.routeRequests(route, slo.service())),
                    List.of(PromQl.routeBucket(route, latency.le(), slo.service())), window);
        }
        return PromQl.sumIncrease(List.of(PromQl.routeErrors(route, slo.service())), window);
    }

    static List<Selector> sloTotal(SloSpec slo) {
        if (slo.sli() instanceof EventRatio ratio) {
            return PromQl.events(ratio.total(), slo.service());
        }
        return List.of(PromQl.routeRequests(route(slo.sli()), slo.service()));
    }

    /** The minimum-traffic and minimum-bad-events guards of one window, or null when both are off. */
    static String sloGuard(SloSpec slo, PromDuration window) {
        String traffic = slo.minTraffic() > 0 ? PromQl.atLeast(sloTotal(slo), window, slo.minTraffic()) : null;
        String bad = slo.minBadEvents() > 0 ? PromQl.compare(badCount(slo, window), ">=", Long.toString(slo.minBadEvents())) : null;
        if (traffic == null || bad == null) {
            return traffic == null ? bad : traffic;
        }
        return PromQl.and(traffic, bad);
    }

    List<AlertRule> burnAlerts(SloSpec slo) {
        List<AlertRule> rules = new ArrayList<>();
        String budget = PromQl.number(slo.errorBudget());
        String budgetPercent = PromQl.number(slo.errorBudget().movePointRight(2)) + "%";
        String what = whatIsBad(slo);
        for (BurnWindow pair : slo.burnWindows()) {
            String factor = PromQl.number(pair.factor());
            // The value is the burn rate itself (error ratio / budget), so the text can say how fast it burns.
            String burnLong = RECORD_PREFIX + pair.longWindow() + "{" + SLO_LABEL + "=" + Selector.quote(slo.name()) + "} / " + budget;
            String burnShort = RECORD_PREFIX + pair.shortWindow() + "{" + SLO_LABEL + "=" + Selector.quote(slo.name()) + "} / " + budget;
            String expr = PromQl.and(burnLong + " > " + factor, burnShort + " > " + factor);
            String grafanaQuery = PromQl.and("(\n" + PromQl.indent(errorRatio(slo, pair.longWindow())) + "\n) / " + budget,
                    "(\n" + PromQl.indent(errorRatio(slo, pair.shortWindow())) + "\n) / " + budget + " > " + factor);
            String guard = sloGuard(slo, pair.longWindow());
            if (guard != null) {
                expr = PromQl.and(expr, guard);
                grafanaQuery = PromQl.and(grafanaQuery, guard);
            }
            Map<String, String> labels = new LinkedHashMap<>(slo.labels());
            labels.put("severity", pair.severity());
            labels.put(LONG_WINDOW_LABEL, pair.longWindow().toString());
            labels.put(SHORT_WINDOW_LABEL, pair.shortWindow().toString());
            String comment = "SLO " + slo.name() + ": the error budget burns faster than " + factor + "x over " + pair.longWindow()
                    + " and " + pair.shortWindow() + " (" + PromQl.number(pair.budgetShare(slo.window()).movePointRight(2))
                    + "% of the " + slo.window() + " budget spent in " + pair.longWindow() + ")";
            String lasts = pair.budgetLasts(slo.window()).toString();
            Function<TemplateStyle, String[]> text = s -> new String[] {
                    s.label(AlertMetrics.SERVICE) + ": SLO " + slo.name() + " burns its error budget at "
                            + s.value(ValueFormat.TWO_DECIMALS) + "x over the last " + pair.longWindow()
                            + " (this alert fires above " + factor + "x)",
                    "Over the last " + pair.longWindow() + " (and still over the last " + pair.shortWindow() + "), " + what
                            + " on " + where(s) + " " + s.value(ValueFormat.TWO_DECIMALS) + " times as often as the "
                            + slo.objectiveText() + " objective allows (" + budgetPercent + " over " + slo.window() + "). At "
                            + factor + "x or faster the whole " + slo.window() + " error budget lasts at most " + lasts + "."};
            rules.add(new AlertRule(slo.burnAlertName(), slo.burnAlertName() + " " + pair.longWindow() + "/" + pair.shortWindow(),
                    comment, expr, grafanaQuery, Comparison.ABOVE, pair.factor().doubleValue(), pair.pending(), labels,
                    s -> annotations(text.apply(s), slo.runbookUrl(), sloDashboardUrl(slo, s)), SLO_DASHBOARD));
        }
        return rules;
    }

    private static String whatIsBad(SloSpec slo) {
        Signal sli = slo.sli();
        if (sli instanceof EventRatio ratio) {
            return "the " + names(ratio.total()) + " events were not " + names(ratio.good());
        }
        if (sli instanceof RouteLatencyObjective latency) {
            return "requests to " + latency.route() + " took longer than " + latency.leText();
        }
        return "requests to " + route(sli) + " failed (5xx)";
    }

    AlertRule sloNoData(SloSpec slo) {
        Selector watched = sloWatchedSeries(slo);
        String service = slo.service() == null ? "" : " of service " + slo.service();
        String[] text = {
                "SLO " + slo.name() + " has no data: no " + whatIsWatched(slo.sli()) + service + " in the last " + NO_DATA_WINDOW,
                "Prometheus has no " + seriesName(watched) + " series for " + whatIsWatched(slo.sli()) + service + " in the last "
                        + NO_DATA_WINDOW + ", so the burn-rate alerts of "
                        + slo.name() + " cannot fire. The event or route was renamed or is no longer recorded, the service"
                        + " has not been used for a day, or it is not scraped (check up{job=...})."};
        String url = grafanaUrl + "/d/" + SLO_DASHBOARD + "?var-slo=" + URLEncoder.encode(slo.name(), StandardCharsets.UTF_8);
        return noDataRule(slo.noDataName(), watched, NO_DATA_WINDOW, SLO_NO_DATA_FOR, BurnWindow.TICKET, slo.labels(),
                text, slo.runbookUrl(), url, SLO_DASHBOARD, "SLO " + slo.name());
    }

    static Selector sloWatchedSeries(SloSpec slo) {
        return slo.sli() instanceof EventRatio ratio
                ? PromQl.anyOutcome(ratio.total(), slo.service())
                : PromQl.routeRequests(route(slo.sli()), slo.service());
    }

    /** The SLOs dashboard opened on this SLO, job and service. */
    private String sloDashboardUrl(SloSpec slo, TemplateStyle s) {
        return grafanaUrl + "/d/" + SLO_DASHBOARD + "?var-slo=" + URLEncoder.encode(slo.name(), StandardCharsets.UTF_8)
                + "&var-job=" + s.urlLabel(AlertMetrics.JOB) + "&var-service=" + s.urlLabel(AlertMetrics.SERVICE);
    }

    // ------------------------------------------------------------------ shared parts

    private AlertRule noDataRule(String name, Selector watched, PromDuration window, PromDuration pending, String severity,
            Map<String, String> extraLabels, String[] text, String runbookUrl, String url, String dashboard, String guarded) {
        String expr = PromQl.absent(watched, window);
        Map<String, String> labels = new LinkedHashMap<>(extraLabels);
        labels.put("severity", severity);
        return new AlertRule(name, name, "fires when " + guarded + " would be silent for lack of data, not for health",
                expr, expr, Comparison.ABOVE, 0, pending, labels, s -> annotations(text, runbookUrl, url), dashboard);
    }

    private static Map<String, String> annotations(String[] text, String runbookUrl, String dashboardUrl) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", text[0]);
        annotations.put("description", text[1]);
        if (runbookUrl != null) {
            annotations.put("runbook_url", runbookUrl);
        }
        annotations.put("dashboard_url", dashboardUrl);
        return annotations;
    }

    /** The dashboard opened on the alert's own job and service (its variables {@code job} and {@code service}). */
    private String seriesDashboardUrl(String dashboard, TemplateStyle s) {
        return grafanaUrl + "/d/" + dashboard + "?var-job=" + s.urlLabel(AlertMetrics.JOB)
                + "&var-service=" + s.urlLabel(AlertMetrics.SERVICE);
    }

    private static String seriesName(Selector selector) {
        String text = selector.toString();
        int brace = text.indexOf('{');
        return brace < 0 ? text : text.substring(0, brace);
    }

    private static String where(TemplateStyle s) {
        return s.label(AlertMetrics.SERVICE) + " (job " + s.label(AlertMetrics.JOB) + ")";
    }

    private static String whatIsWatched(Signal signal) {
        if (signal instanceof EventRatio ratio) {
            List<String> events = ratio.total().stream().map(EventRef::event).distinct().toList();
            return String.join(" or ", events) + " events";
        }
        if (signal instanceof EventRate rate) {
            return rate.event().event() + " events";
        }
        return "requests to " + route(signal);
    }

    static Route route(Signal signal) {
        if (signal instanceof RouteLatency latency) {
            return latency.route();
        }
        if (signal instanceof RouteErrorRatio errors) {
            return errors.route();
        }
        if (signal instanceof RouteLatencyObjective latency) {
            return latency.route();
        }
        throw new IllegalArgumentException("not a route signal: " + signal);
    }

    private static String names(List<EventRef> refs) {
        return refs.stream().map(EventRef::toString).collect(Collectors.joining(" + "));
    }

    /** p95 -> 95th, p99.9 -> 99.9th. */
    private static String ordinal(String percentile) {
        return percentile.substring(1) + "th";
    }
}
