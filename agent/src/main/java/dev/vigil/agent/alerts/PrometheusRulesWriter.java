package dev.vigil.agent.alerts;

import java.util.Map;

/** Writes the Prometheus rule file: SLO recording rules first, then every alert. */
final class PrometheusRulesWriter {
    static final String RECORDING_GROUP = "vigil-user-slo.rules";
    static final String BUDGET_GROUP = "vigil-user-slo-budget.rules";
    static final String ALERT_GROUP = "vigil-user.alerts";

    private PrometheusRulesWriter() {
    }

    static String write(AlertsCompiler.CompiledRules rules, String sourceName, String testFileName) {
        YamlText yaml = new YamlText()
                .line(0, "# Prometheus rules compiled from " + sourceName + " by `java -jar vigil-agent.jar alerts`.")
                .line(0, "# Edit " + sourceName + " and compile again rather than editing this file.")
                .line(0, "#")
                .line(0, "#   promtool check rules <this file>")
                .line(0, "#   promtool test rules " + testFileName)
                .line(0, "#")
                .line(0, "# Every expression sums rates per job and service across instances (histogram buckets by `le`")
                .line(0, "# before histogram_quantile), and every alert has a minimum-traffic guard and a companion")
                .line(0, "# ...NoData alert that fires when the series it reads are missing.")
                .line(0, "groups:");
        if (!rules.recordingRules().isEmpty()) {
            yaml.line(2, "- name: " + RECORDING_GROUP).line(4, "rules:");
            for (RecordingRule rule : rules.recordingRules()) {
                yaml.line(6, "# SLO " + rule.labels().get(AlertsCompiler.SLO_LABEL) + ": " + (rule.record().equals(AlertsCompiler.BURN_RECORD)
                        ? "the burn rate (error ratio / budget) over " + rule.labels().get(AlertsCompiler.LONG_WINDOW_LABEL)
                        : "share of bad requests or events over " + rule.record().substring(AlertsCompiler.RECORD_PREFIX.length())
                                + ", 0 when none failed"));
                yaml.line(6, "- record: " + rule.record());
                yaml.block(8, "expr", rule.expr());
                labels(yaml, 8, rule.labels());
            }
            yaml.blank();
        }
        if (!rules.budgetRules().isEmpty()) {
            // No interval of its own: a first evaluation up to an interval late would leave the SLOs dashboard empty.
            yaml.line(2, "# Each rate reads the whole SLO window: with many series, add `interval: 5m` to this group.")
                    .line(2, "- name: " + BUDGET_GROUP).line(4, "rules:");
            for (RecordingRule rule : rules.budgetRules()) {
                yaml.line(6, "# " + budgetComment(rule));
                yaml.line(6, "- record: " + rule.record());
                yaml.block(8, "expr", rule.expr());
                labels(yaml, 8, rule.labels());
            }
            yaml.blank();
        }
        yaml.line(2, "- name: " + ALERT_GROUP).line(4, "rules:");
        for (AlertRule alert : rules.alerts()) {
            yaml.line(6, "# " + alert.comment());
            yaml.line(6, "- alert: " + alert.name());
            yaml.block(8, "expr", alert.expr());
            yaml.line(8, "for: " + alert.pending());
            labels(yaml, 8, alert.sortedLabels());
            yaml.line(8, "annotations:");
            alert.annotations().apply(TemplateStyle.PROMETHEUS)
                    .forEach((key, value) -> yaml.line(10, key + ": " + YamlText.quote(value)));
        }
        return yaml.toString();
    }

    private static String budgetComment(RecordingRule rule) {
        return switch (rule.record()) {
            case AlertsCompiler.OBJECTIVE_RECORD -> "SLO " + rule.labels().get(AlertsCompiler.SLO_LABEL) + ": the objective, as a share";
            case AlertsCompiler.BUDGET_REMAINING_RECORD -> "the share of the error budget left over the SLO window (below 0: overspent)";
            default -> "SLO " + rule.labels().get(AlertsCompiler.SLO_LABEL) + ": share of bad requests or events over the whole SLO window";
        };
    }

    private static void labels(YamlText yaml, int indent, Map<String, String> labels) {
        if (!labels.isEmpty()) {
            yaml.line(indent, "labels:");
            labels.forEach((key, value) -> yaml.line(indent + 2, key + ": " + YamlText.quote(value)));
        }
    }
}
