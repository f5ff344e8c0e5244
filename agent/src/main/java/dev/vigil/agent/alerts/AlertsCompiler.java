package dev.vigil.agent.alerts;

import dev.vigil.agent.alerts.Signal.EventRate;
import dev.vigil.agent.alerts.Signal.EventRatio;
import dev.vigil.agent.alerts.Signal.RouteErrorRatio;
import dev.vigil.agent.alerts.Signal.RouteLatency;
import dev.vigil.agent.alerts.TemplateStyle.ValueFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
    static final String RECORD_PREFIX = "vigil:slo_errors:ratio_rate";
    static final String SLO_LABEL = "slo";
    static final String LONG_WINDOW_LABEL = "long_window";
    static final String SHORT_WINDOW_LABEL = "short_window";
    /** How far back the SLO's no-data alert looks: long enough that a quiet minute is not "no data". */
    static final PromDuration SLO_NO_DATA_WINDOW = PromDuration.hours(1);
    static final PromDuration SLO_NO_DATA_FOR = PromDuration.minutes(10);

    private final String grafanaUrl;

    AlertsCompiler(String grafanaUrl) {
        this.grafanaUrl = grafanaUrl;
    }

    record CompiledRules(List<RecordingRule> recordingRules, List<AlertRule> alerts) {
    }

    CompiledRules compile(AlertsConfig config) {
        List<RecordingRule> recordings = new ArrayList<>();
        List<AlertRule> alerts = new ArrayList<>();
        for (AlertSpec spec : config.alerts()) {
            alerts.add(alert(spec));
            alerts.add(noData(spec));
        }
        for (SloSpec slo : config.slos()) {
            recordings.addAll(sloRecordingRules(slo));
            alerts.addAll(burnAlerts(slo));
            alerts.add(sloNoData(slo));
        }
        return new CompiledRules(recordings, alerts);
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
                value = PromQl.perMinute(event, requests, spec.over());
                counted = List.of(requests);
                comment = "events per minute over " + over + ", 0 while the service answers HTTP requests without any;"
                        + " judged only while it answers at least " + spec.minTraffic() + " requests in the window";
            } else {
                value = PromQl.perMinute(event, null, spec.over());
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
        return new AlertRule(spec.name(), spec.name(), comment, expr, grafanaQuery, spec.comparison(), spec.threshold(),
                spec.pending(), labels,
                s -> annotations(text.apply(s), spec.runbookUrl(), seriesDashboardUrl(finalDashboard, s)), dashboard);
    }

    AlertRule noData(AlertSpec spec) {
        Selector watched = watchedSeries(spec);
        String dashboard = spec.signal() instanceof RouteLatency || spec.signal() instanceof RouteErrorRatio
                ? SERVICE_DASHBOARD : BUSINESS_DASHBOARD;
        String what = whatIsWatched(spec.signal());
        String service = spec.service() == null ? "" : " of service " + spec.service();
        String[] text = {
                spec.name() + " has no data: no " + what + service + " in the last " + spec.over(),
                "Prometheus has no " + seriesName(watched) + " series for " + what + service + " in the last " + spec.over()
                        + ", so " + spec.name()
                        + " cannot fire. The event or route was renamed or is no longer recorded, the service has"
                        + " not been used since it started, or it is not scraped (check up{job=...})."};
        return noDataRule(spec.noDataName(), watched, spec.over(), spec.pending(), spec.noDataSeverity(), spec.labels(),
                text, spec.runbookUrl(), dashboard, spec.service(), spec.name());
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
        for (PromDuration window : BurnWindow.allWindows()) {
            rules.add(new RecordingRule(RECORD_PREFIX + window, errorRatio(slo, window), Map.of(SLO_LABEL, slo.name())));
        }
        return rules;
    }

    /** The share of bad requests (5xx) or bad events (total minus good) in a window, 0 when there are none. */
    static String errorRatio(SloSpec slo, PromDuration window) {
        if (slo.sli() instanceof EventRatio ratio) {
            return "1 - (\n" + PromQl.indent(PromQl.ratio(PromQl.events(ratio.good(), slo.service()),
                    PromQl.events(ratio.total(), slo.service()), window)) + "\n)";
        }
        Route route = route(slo.sli());
        return PromQl.ratio(List.of(PromQl.routeErrors(route, slo.service())),
                List.of(PromQl.routeRequests(route, slo.service())), window);
    }

    static List<Selector> sloTotal(SloSpec slo) {
        if (slo.sli() instanceof EventRatio ratio) {
            return PromQl.events(ratio.total(), slo.service());
        }
        return List.of(PromQl.routeRequests(route(slo.sli()), slo.service()));
    }

    List<AlertRule> burnAlerts(SloSpec slo) {
        List<AlertRule> rules = new ArrayList<>();
        String budget = PromQl.number(slo.errorBudget());
        String what = slo.sli() instanceof EventRatio ratio
                ? "the " + names(ratio.total()) + " events were not " + names(ratio.good())
                : "requests to " + route(slo.sli()) + " failed (5xx)";
        String budgetPercent = PromQl.number(slo.errorBudget().movePointRight(2)) + "%";
        for (BurnWindow pair : BurnWindow.WORKBOOK) {
            BigDecimal factor = pair.factor(slo.window());
            String factorText = PromQl.number(factor);
            double threshold = factor.multiply(slo.errorBudget()).doubleValue();
            String thresholdExpr = "(" + factorText + " * " + budget + ")";
            String selectorLong = RECORD_PREFIX + pair.longWindow() + "{" + SLO_LABEL + "=" + Selector.quote(slo.name()) + "}";
            String selectorShort = RECORD_PREFIX + pair.shortWindow() + "{" + SLO_LABEL + "=" + Selector.quote(slo.name()) + "}";
            String guard = slo.minTraffic() > 0 ? PromQl.atLeast(sloTotal(slo), pair.longWindow(), slo.minTraffic()) : null;
            String expr = PromQl.and(selectorLong + " > " + thresholdExpr, selectorShort + " > " + thresholdExpr);
            String grafanaQuery = PromQl.and("(\n" + PromQl.indent(errorRatio(slo, pair.longWindow())) + "\n)",
                    PromQl.compare(errorRatio(slo, pair.shortWindow()), ">", PromQl.number(threshold)));
            if (guard != null) {
                expr = PromQl.and(expr, guard);
                grafanaQuery = PromQl.and(grafanaQuery, guard);
            }
            long exhaustedSeconds = BigDecimal.valueOf(slo.window().seconds()).divide(factor, 0, RoundingMode.HALF_UP).longValue();
            String exhausted = new PromDuration(exhaustedSeconds / 60 * 60).toString();
            Map<String, String> labels = new LinkedHashMap<>(slo.labels());
            labels.put("severity", pair.severity());
            labels.put(LONG_WINDOW_LABEL, pair.longWindow().toString());
            labels.put(SHORT_WINDOW_LABEL, pair.shortWindow().toString());
            String comment = "SLO " + slo.name() + ": error budget burning " + factorText + "x over " + pair.longWindow()
                    + " and " + pair.shortWindow() + " (" + pair.budgetShare().movePointRight(2).stripTrailingZeros().toPlainString()
                    + "% of the " + slo.window() + " budget in " + pair.longWindow() + ")";
            String dashboard = slo.sli() instanceof EventRatio ? BUSINESS_DASHBOARD : SERVICE_DASHBOARD;
            Function<TemplateStyle, String[]> text = s -> new String[] {
                    s.label(AlertMetrics.SERVICE) + ": " + slo.name() + " burns its error budget at " + factorText
                            + "x (" + s.value(ValueFormat.PERCENT) + " errors over " + pair.longWindow() + ")",
                    s.value(ValueFormat.PERCENT) + " of " + what + " over the last " + pair.longWindow() + " (and still over the last "
                            + pair.shortWindow() + ") on " + where(s) + ": " + factorText + " times the " + budgetPercent
                            + " the " + slo.objectiveText() + " objective allows. At this rate the " + slo.window()
                            + " error budget is gone in " + exhausted + "."};
            rules.add(new AlertRule(slo.burnAlertName(), slo.burnAlertName() + " " + pair.longWindow() + "/" + pair.shortWindow(),
                    comment, expr, grafanaQuery, Comparison.ABOVE, threshold, pair.pending(), labels,
                    s -> annotations(text.apply(s), slo.runbookUrl(), seriesDashboardUrl(dashboard, s)), dashboard));
        }
        return rules;
    }

    AlertRule sloNoData(SloSpec slo) {
        Selector watched = sloWatchedSeries(slo);
        String dashboard = slo.sli() instanceof EventRatio ? BUSINESS_DASHBOARD : SERVICE_DASHBOARD;
        String service = slo.service() == null ? "" : " of service " + slo.service();
        String[] text = {
                "SLO " + slo.name() + " has no data: no " + whatIsWatched(slo.sli()) + service + " in the last " + SLO_NO_DATA_WINDOW,
                "Prometheus has no " + seriesName(watched) + " series for " + whatIsWatched(slo.sli()) + service + " in the last "
                        + SLO_NO_DATA_WINDOW + ", so the burn-rate alerts of "
                        + slo.name() + " cannot fire. The event or route was renamed or is no longer recorded, the service"
                        + " has not been used since it started, or it is not scraped (check up{job=...})."};
        return noDataRule(slo.noDataName(), watched, SLO_NO_DATA_WINDOW, SLO_NO_DATA_FOR, BurnWindow.TICKET, slo.labels(),
                text, slo.runbookUrl(), dashboard, slo.service(), "SLO " + slo.name());
    }

    static Selector sloWatchedSeries(SloSpec slo) {
        return slo.sli() instanceof EventRatio ratio
                ? PromQl.anyOutcome(ratio.total(), slo.service())
                : PromQl.routeRequests(route(slo.sli()), slo.service());
    }

    // ------------------------------------------------------------------ shared parts

    private AlertRule noDataRule(String name, Selector watched, PromDuration window, PromDuration pending, String severity,
            Map<String, String> extraLabels, String[] text, String runbookUrl, String dashboard, String service, String guarded) {
        String expr = PromQl.absent(watched, window);
        Map<String, String> labels = new LinkedHashMap<>(extraLabels);
        labels.put("severity", severity);
        String url = grafanaUrl + "/d/" + dashboard
                + (service == null ? "" : "?var-service=" + URLEncoder.encode(service, StandardCharsets.UTF_8));
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
