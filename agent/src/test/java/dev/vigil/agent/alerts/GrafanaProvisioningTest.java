package dev.vigil.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Grafana file follows Grafana's file provisioning format for alert rules: {@code apiVersion: 1},
 * groups with orgId, name, folder and interval, and rules whose condition is a threshold on a reduce of
 * a Prometheus query.
 */
class GrafanaProvisioningTest {

    @Test
    void everyRuleIsAQueryAReduceAndAThreshold() throws Exception {
        AlertsConfig config = Fixtures.everyKind();
        AlertsCompiler.CompiledRules rules = new AlertsCompiler(config.grafanaUrl()).compile(config);
        Map<String, Object> file = load(GrafanaProvisioningWriter.write(rules, "alerts.yaml", "my-prometheus"));

        assertThat(file).containsEntry("apiVersion", 1);
        Map<String, Object> group = map(list(file.get("groups")).get(0));
        assertThat(group).containsEntry("orgId", 1).containsEntry("name", "vigil-user-alerts")
                .containsEntry("folder", "Vigil").containsEntry("interval", "1m");
        List<Object> provisioned = list(group.get("rules"));
        assertThat(provisioned).hasSameSizeAs(rules.alerts());
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (Object item : provisioned) {
            Map<String, Object> rule = map(item);
            String uid = (String) rule.get("uid");
            assertThat(uid).matches("[a-z0-9-]{1,40}");
            assertThat(uids.add(uid)).as("uid %s is unique", uid).isTrue();
            assertThat(titles.add((String) rule.get("title"))).as("title %s is unique in the folder", rule.get("title")).isTrue();
            assertThat(rule).containsEntry("condition", "C").containsEntry("noDataState", "OK")
                    .containsEntry("execErrState", "Error").containsKeys("for", "labels", "annotations");
            List<Object> data = list(rule.get("data"));
            Map<String, Object> query = map(data.get(0));
            assertThat(query).containsEntry("refId", "A").containsEntry("datasourceUid", "my-prometheus");
            assertThat(map(query.get("model")).get("expr").toString()).isNotBlank();
            assertThat(map(query.get("relativeTimeRange"))).containsEntry("from", 600).containsEntry("to", 0);
            Map<String, Object> reduce = map(data.get(1));
            assertThat(reduce).containsEntry("refId", "B").containsEntry("datasourceUid", "__expr__");
            assertThat(map(reduce.get("model"))).containsEntry("type", "reduce").containsEntry("expression", "A")
                    .containsEntry("reducer", "last");
            Map<String, Object> threshold = map(data.get(2));
            assertThat(threshold).containsEntry("refId", "C").containsEntry("datasourceUid", "__expr__");
            Map<String, Object> model = map(threshold.get("model"));
            assertThat(model).containsEntry("type", "threshold").containsEntry("expression", "B");
            Map<String, Object> evaluator = map(map(list(model.get("conditions")).get(0)).get("evaluator"));
            assertThat(evaluator.get("type")).isIn("gt", "lt");
            assertThat(list(evaluator.get("params"))).hasSize(1);
            Map<String, Object> annotations = map(rule.get("annotations"));
            assertThat(annotations).containsKeys("__dashboardUid__", "summary", "description", "dashboard_url");
            assertThat(annotations.get("__dashboardUid__")).isIn("vigil-service", "vigil-business", "vigil-slos");
        }
    }

    @Test
    void theThresholdIsTheAlertsOwnAndTheValueComesFromTheReduce() throws Exception {
        AlertsConfig config = Fixtures.everyKind();
        AlertsCompiler.CompiledRules rules = new AlertsCompiler(config.grafanaUrl()).compile(config);
        Map<String, Object> first = map(list(map(list(load(GrafanaProvisioningWriter.write(rules, "alerts.yaml", "prometheus"))
                .get("groups")).get(0)).get("rules")).get(0));

        Map<String, Object> model = map(map(list(first.get("data")).get(2)).get("model"));
        Map<String, Object> evaluator = map(map(list(model.get("conditions")).get(0)).get("evaluator"));
        assertThat(evaluator).containsEntry("type", "lt").containsEntry("params", List.of(0.95));
        assertThat(map(first.get("annotations")).get("summary").toString()).contains("{{ $values.B.Value | humanizePercentage }}");
        String expr = map(map(list(first.get("data")).get(0)).get("model")).get("expr").toString();
        assertThat(expr).as("the comparison is Grafana's threshold, the guard stays in the query")
                .doesNotContain("< 0.95").contains(">= 20");
    }

    private static Map<String, Object> load(String yaml) {
        return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return (List<Object>) node;
    }
}
