package dev.vigil.agent.alerts;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One compiled alert, ready for both writers.
 *
 * @param title the Grafana rule title, unique in its folder (SLO burn alerts share a name but not a title)
 * @param comment why the rule looks as it does, written above it in the rule file
 * @param expr the Prometheus expression: the condition, with its threshold and guard
 * @param grafanaQuery the same without the final comparison, which Grafana does in its threshold expression
 * @param annotations summary, description, dashboard_url and runbook_url, in a given template style
 */
record AlertRule(
        String name,
        String title,
        String comment,
        String expr,
        String grafanaQuery,
        Comparison grafanaComparison,
        double grafanaThreshold,
        PromDuration pending,
        Map<String, String> labels,
        Function<TemplateStyle, Map<String, String>> annotations,
        String dashboardUid) {

    AlertRule {
        labels = Map.copyOf(labels);
    }

    /** Labels in a stable order, for output that does not change from one run to the next. */
    SortedMap<String, String> sortedLabels() {
        return new TreeMap<>(labels);
    }
}
