package dev.vigil.agent.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the same alerts as Grafana-managed rules, in Grafana's file provisioning format for alerting
 * ({@code apiVersion: 1}, {@code groups:}; copy it to {@code provisioning/alerting/}). Each rule is a
 * Prometheus query A (the value, already behind its traffic guard), a reduce B (last value per series)
 * and a threshold C, the condition. A query that returns nothing (too little traffic) is OK, not
 * "no data": missing series are what the companion NoData rules are for, as in the Prometheus file.
 */
final class GrafanaProvisioningWriter {
    static final String DEFAULT_DATASOURCE_UID = "prometheus";
    static final String FOLDER = "Vigil";
    static final String GROUP = "vigil-user-alerts";
    static final String INTERVAL = "1m";
    /** Grafana's limit for a rule uid. */
    static final int MAX_UID_LENGTH = 40;
    private static final String EXPRESSION_UID = "__expr__";

    private GrafanaProvisioningWriter() {
    }

    static String write(AlertsCompiler.CompiledRules rules, String sourceName, String datasourceUid) {
        YamlText yaml = new YamlText()
                .line(0, "# Grafana-managed alert rules compiled from " + sourceName + " by `java -jar vigil-agent.jar alerts`.")
                .line(0, "# Copy to Grafana's provisioning/alerting/ folder. The queries go to the Prometheus datasource")
                .line(0, "# with uid " + YamlText.quote(datasourceUid) + " (change it with --datasource-uid).")
                .line(0, "# Use either this file or the Prometheus rule file, not both, or every alert is sent twice.")
                .line(0, "apiVersion: 1")
                .line(0, "groups:")
                .line(2, "- orgId: 1")
                .line(4, "name: " + GROUP)
                .line(4, "folder: " + FOLDER)
                .line(4, "interval: " + INTERVAL)
                .line(4, "rules:");
        Set<String> uids = new HashSet<>();
        for (AlertRule alert : rules.alerts()) {
            String uid = uid(alert.title(), uids);
            yaml.line(6, "- uid: " + uid)
                    .line(8, "title: " + YamlText.quote(alert.title()))
                    .line(8, "condition: C")
                    .line(8, "data:")
                    .line(10, "- refId: A")
                    .line(12, "relativeTimeRange:")
                    .line(14, "from: 600")
                    .line(14, "to: 0")
                    .line(12, "datasourceUid: " + YamlText.quote(datasourceUid))
                    .line(12, "model:")
                    .line(14, "refId: A")
                    .block(14, "expr", alert.grafanaQuery())
                    .line(14, "instant: true")
                    .line(14, "range: false")
                    .line(14, "intervalMs: 60000")
                    .line(14, "maxDataPoints: 43200")
                    .line(10, "- refId: B")
                    .line(12, "datasourceUid: " + EXPRESSION_UID)
                    .line(12, "model:")
                    .line(14, "refId: B")
                    .line(14, "type: reduce")
                    .line(14, "expression: A")
                    .line(14, "reducer: last")
                    .line(14, "datasource:")
                    .line(16, "type: " + EXPRESSION_UID)
                    .line(16, "uid: " + EXPRESSION_UID)
                    .line(10, "- refId: C")
                    .line(12, "datasourceUid: " + EXPRESSION_UID)
                    .line(12, "model:")
                    .line(14, "refId: C")
                    .line(14, "type: threshold")
                    .line(14, "expression: B")
                    .line(14, "conditions:")
                    .line(16, "- evaluator:")
                    .line(20, "type: " + alert.grafanaComparison().grafanaEvaluator)
                    .line(20, "params:")
                    .line(22, "- " + PromQl.number(alert.grafanaThreshold()))
                    .line(14, "datasource:")
                    .line(16, "type: " + EXPRESSION_UID)
                    .line(16, "uid: " + EXPRESSION_UID)
                    .line(8, "noDataState: OK")
                    .line(8, "execErrState: Error")
                    .line(8, "for: " + alert.pending())
                    .line(8, "isPaused: false")
                    .line(8, "labels:");
            alert.sortedLabels().forEach((key, value) -> yaml.line(10, key + ": " + YamlText.quote(value)));
            yaml.line(8, "annotations:").line(10, "__dashboardUid__: " + YamlText.quote(alert.dashboardUid()));
            Map<String, String> annotations = alert.annotations().apply(TemplateStyle.GRAFANA);
            annotations.forEach((key, value) -> yaml.line(10, key + ": " + YamlText.quote(value)));
        }
        return yaml.toString();
    }

    /**
     * A uid that stays the same from one compile to the next, so Grafana updates a rule instead of
     * replacing it: the title in lower case with dashes, or, when that is too long or taken, its start
     * and a hash of the whole title.
     */
    static String uid(String title, Set<String> taken) {
        String slug = "vigil-" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > MAX_UID_LENGTH || taken.contains(slug)) {
            String hash = sha256(title).substring(0, 8);
            slug = slug.substring(0, Math.min(slug.length(), MAX_UID_LENGTH - hash.length() - 1)).replaceAll("-$", "") + "-" + hash;
        }
        taken.add(slug);
        return slug;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
