package dev.vigil.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code provisioning/alerting/vigil-alerts.yaml}: the ready-made alerts as Grafana-managed rules, for
 * teams that alert from Grafana rather than from Prometheus and Alertmanager. It is derived from
 * {@code rules/vigil-alerts.yaml} (same expressions, {@code for}, labels and annotations), so this test
 * rebuilds it and fails when the committed copy has drifted. To rewrite it after changing the rules:
 * {@code mvn -pl grafana-dashboards test -Dtest=GrafanaAlertProvisioningTest -Dvigil.write-provisioning=true}.
 */
class GrafanaAlertProvisioningTest {
    private static final Path RULES = Path.of("rules/vigil-alerts.yaml");
    private static final Path PROVISIONING = Path.of("provisioning/alerting/vigil-alerts.yaml");

    @Test
    void theGrafanaManagedCopyMatchesThePrometheusRules() throws IOException {
        String expected = grafanaProvisioning(Files.readString(RULES, StandardCharsets.UTF_8));
        if (Boolean.getBoolean("vigil.write-provisioning")) {
            Files.createDirectories(PROVISIONING.getParent());
            Files.writeString(PROVISIONING, expected, StandardCharsets.UTF_8);
        }
        assertThat(PROVISIONING).as("rewrite it: mvn -pl grafana-dashboards test -Dtest=GrafanaAlertProvisioningTest"
                + " -Dvigil.write-provisioning=true").isRegularFile();
        assertThat(Files.readString(PROVISIONING, StandardCharsets.UTF_8))
                .as("%s is out of date with %s; rewrite it: mvn -pl grafana-dashboards test"
                        + " -Dtest=GrafanaAlertProvisioningTest -Dvigil.write-provisioning=true", PROVISIONING, RULES)
                .isEqualTo(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyReadyMadeAlertIsAGrafanaRuleWithItsContext() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(PROVISIONING, StandardCharsets.UTF_8));
        assertThat(file.get("apiVersion")).isEqualTo(1);
        List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
        Set<String> uids = new HashSet<>();
        int rules = 0;
        for (Map<String, Object> group : groups) {
            assertThat(group).containsEntry("orgId", 1).containsEntry("folder", "Vigil").containsKey("interval");
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                rules++;
                String uid = (String) rule.get("uid");
                assertThat(uid).as("uid of %s", rule.get("title")).hasSizeLessThanOrEqualTo(40).matches("[a-z0-9-]+");
                assertThat(uids.add(uid)).as("uid %s unique", uid).isTrue();
                assertThat(rule).containsEntry("condition", "C").containsKeys("for", "noDataState", "execErrState");
                List<Map<String, Object>> data = (List<Map<String, Object>>) rule.get("data");
                assertThat(data).extracting(d -> d.get("refId")).containsExactly("A", "B", "C");
                assertThat(data.get(0)).containsEntry("datasourceUid", "prometheus");
                assertThat(((Map<String, Object>) rule.get("labels"))).containsKey("severity");
                assertThat(((Map<String, Object>) rule.get("annotations")))
                        .containsKeys("summary", "description", "runbook_url", "__dashboardUid__");
            }
        }
        Map<String, Object> prometheus = new Yaml().load(Files.readString(RULES, StandardCharsets.UTF_8));
        long alerts = ((List<Map<String, Object>>) prometheus.get("groups")).stream()
                .flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream()).filter(r -> r.containsKey("alert")).count();
        assertThat(rules).as("one Grafana rule per Prometheus alert").isEqualTo(alerts);
    }

    /**
     * Query A is the alert's PromQL, which only returns series while the alert condition holds; B
     * takes each series' last value; C ({@code $B == $B}, true for any number) fires on every series
     * A returned, so Grafana fires exactly when Prometheus would. Annotations use Grafana's
     * {@code $values.B.Value} where Prometheus has {@code $value}.
     */
    @SuppressWarnings("unchecked")
    static String grafanaProvisioning(String prometheusRules) {
        Map<String, Object> rules = new Yaml().load(prometheusRules);
        StringBuilder out = new StringBuilder();
        out.append("# Grafana-managed copies of the ready-made alerts in rules/vigil-alerts.yaml, for teams that alert from\n")
                .append("# Grafana instead of Prometheus + Alertmanager: copy to Grafana's provisioning/alerting/ folder.\n")
                .append("# Prometheus must still load rules/vigil-alerts.yaml for the recording rules the queries read\n")
                .append("# (then silence its copies of the alerts, or every alert is sent twice). The queries go to the\n")
                .append("# Prometheus datasource with uid \"prometheus\" (provisioning/datasources/prometheus.yaml).\n")
                .append("# Generated from rules/vigil-alerts.yaml by GrafanaAlertProvisioningTest; do not edit by hand.\n")
                .append("apiVersion: 1\ngroups:\n");
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            List<Map<String, Object>> alerts = ((List<Map<String, Object>>) group.get("rules")).stream()
                    .filter(rule -> rule.containsKey("alert")).toList();
            if (alerts.isEmpty()) {
                continue;
            }
            out.append("  - orgId: 1\n    name: ").append(group.get("name")).append("\n    folder: Vigil\n    interval: 1m\n    rules:\n");
            for (Map<String, Object> alert : alerts) {
                String name = (String) alert.get("alert");
                Map<String, Object> annotations = new LinkedHashMap<>((Map<String, Object>) alert.get("annotations"));
                String dashboard = String.valueOf(annotations.remove("dashboard_url"));
                out.append("      - uid: ").append(uid(name)).append('\n')
                        .append("        title: ").append(quoted(name)).append('\n')
                        .append("        condition: C\n        data:\n")
                        .append("          - refId: A\n            relativeTimeRange:\n              from: 600\n              to: 0\n")
                        .append("            datasourceUid: prometheus\n            model:\n              refId: A\n")
                        .append("              expr: |\n").append(indent(((String) alert.get("expr")).strip(), "                "))
                        .append("              instant: true\n              range: false\n")
                        .append("          - refId: B\n            datasourceUid: __expr__\n            model:\n")
                        .append("              refId: B\n              type: reduce\n              expression: A\n              reducer: last\n")
                        .append("          - refId: C\n            datasourceUid: __expr__\n            model:\n")
                        .append("              refId: C\n              type: math\n              expression: \"$B == $B\"\n")
                        .append("        for: ").append(alert.get("for")).append('\n')
                        .append("        noDataState: OK\n        execErrState: Error\n        labels:\n");
                ((Map<String, Object>) alert.get("labels")).forEach((key, value) ->
                        out.append("          ").append(key).append(": ").append(quoted(String.valueOf(value))).append('\n'));
                out.append("        annotations:\n");
                annotations.forEach((key, value) -> out.append("          ").append(key).append(": ")
                        .append(quoted(String.valueOf(value).replace("$value", "$values.B.Value"))).append('\n'));
                out.append("          __dashboardUid__: ").append(quoted(dashboard.replaceAll(".*/d/([^?/]+).*", "$1"))).append('\n');
            }
        }
        return out.toString();
    }

    private static String uid(String alert) {
        String name = alert.startsWith("Vigil") ? alert.substring("Vigil".length()) : alert;
        return "vigil-" + name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String indent(String text, String prefix) {
        StringBuilder out = new StringBuilder();
        text.lines().forEach(line -> out.append(prefix).append(line).append('\n'));
        return out.toString();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
