package dev.vigil.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The ready-made alert rules: promtool accepts them and their unit tests pass, and every alert carries
 * what an on-call person needs (severity, a summary and description, a runbook and a dashboard link).
 *
 * <p>promtool comes from Debian's {@code prometheus} package ({@code .ci/run} installs it). Without it
 * the promtool tests skip, unless {@code VIGIL_REQUIRE_SERVICES=1} (as in CI) makes that a failure.
 */
class AlertRulesTest {

    private static final Path RULES = Path.of("rules", "vigil-alerts.yaml");
    private static final Path RULE_TESTS = Path.of("rules", "vigil-alerts.test.yaml");
    private static final Path RUNBOOK = Path.of("RUNBOOK.md");
    private static final String RUNBOOK_URL =
            "https://github.com/vigil-dev/vigil/blob/main/grafana-dashboards/RUNBOOK.md#";
    /** Absolute, so that a link in a page or an e-mail opens: Alertmanager has no idea where Grafana is. */
    private static final String GRAFANA = "http://localhost:3000";
    private static final Set<String> DASHBOARDS = Set.of("/d/vigil-service", "/d/vigil-database", "/d/vigil-jvm");
    private static final Set<String> SEVERITIES = Set.of("page", "ticket");
    /** promtool takes well under a second here; the bound only keeps a hung process from hanging the build. */

    @Test
    void promtoolAcceptsTheRuleFile() throws Exception {
        Promtool.run("check", "rules", RULES.toString());
    }

    @Test
    void promtoolUnitTestsOfEveryAlertPass() throws Exception {
        Promtool.run("test", "rules", RULE_TESTS.toString());
    }

    @Test
    void everyAlertHasSeverityAForDurationAnnotationsAndLinks() throws IOException {
        Map<String, Map<String, Object>> alerts = alerts();
        assertThat(alerts).as("alerts in %s", RULES).isNotEmpty();
        alerts.forEach((name, rule) -> {
            String where = RULES + ", alert " + name;
            assertThat(rule.get("for")).as("%s: `for:` (a duration such as 10m)", where).isNotNull();
            assertThat(map(rule.get("labels"))).as("%s: labels.severity", where)
                    .extractingByKey("severity").isIn(SEVERITIES.toArray());
            Map<String, Object> annotations = map(rule.get("annotations"));
            assertThat(annotations).as("%s: annotations", where)
                    .containsKeys("summary", "description", "runbook_url", "dashboard_url");
            assertThat(annotations.get("summary").toString()).as("%s: summary", where).isNotBlank();
            assertThat(annotations.get("description").toString()).as("%s: description", where).isNotBlank();
            assertThat(annotations.get("runbook_url")).as("%s: runbook_url", where)
                    .isEqualTo(RUNBOOK_URL + name.toLowerCase(Locale.ROOT));
            String dashboard = annotations.get("dashboard_url").toString();
            assertThat(dashboard).as("%s: dashboard_url, absolute", where).startsWith(GRAFANA + "/d/");
            assertThat(dashboard.substring(GRAFANA.length()).replaceAll("\\?.*", "")).as("%s: dashboard_url", where)
                    .isIn(DASHBOARDS.toArray());
        });
    }

    @Test
    void everyAlertHasAPromtoolCaseWhereItFires() throws IOException {
        Set<String> firing = new TreeSet<>();
        Set<String> mentioned = new TreeSet<>();
        for (Object test : list(load(RULE_TESTS).get("tests"))) {
            for (Object ruleTest : list(map(test).get("alert_rule_test"))) {
                String alertname = String.valueOf(map(ruleTest).get("alertname"));
                mentioned.add(alertname);
                if (!list(map(ruleTest).get("exp_alerts")).isEmpty()) {
                    firing.add(alertname);
                }
            }
        }
        assertThat(firing).as("alerts with a firing case in %s", RULE_TESTS).containsAll(alerts().keySet());
        assertThat(alerts().keySet()).as("alerts tested in %s that %s defines", RULE_TESTS, RULES)
                .containsAll(mentioned);
    }

    @Test
    void recordingRulesAreNamedLevelMetricOperationsWithTheLabelsTheyKeep() throws IOException {
        Map<String, String> shortNames = Map.of("job", "job", "service_name", "service", "http_request_method", "method",
                "http_route", "route");
        for (Object group : list(load(RULES).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                Object record = map(rule).get("record");
                if (record == null) {
                    continue;
                }
                String expr = map(rule).get("expr").toString();
                assertThat(record.toString()).as("%s: recording rule %s", RULES, record).matches("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+");
                java.util.regex.Matcher by = java.util.regex.Pattern.compile("sum by \\(([^)]*)\\)").matcher(expr);
                assertThat(by.find()).as("%s: %s aggregates with sum by (...)", RULES, record).isTrue();
                String level = java.util.Arrays.stream(by.group(1).split(",\\s*")).filter(l -> !l.equals("le"))
                        .map(shortNames::get).collect(java.util.stream.Collectors.joining("_"));
                assertThat(record.toString()).as("%s: the level of %s names the labels it keeps", RULES, record)
                        .startsWith(level + ":");
            }
        }
    }

    @Test
    void runbookHasASectionForEveryAlert() throws IOException {
        String runbook = Files.readString(RUNBOOK, StandardCharsets.UTF_8);
        // GitHub turns the heading "## VigilHighErrorRate" into the anchor #vigilhigherrorrate.
        alerts().keySet().forEach(name ->
                assertThat(runbook).as("%s: a section for %s", RUNBOOK, name).contains("\n## " + name + "\n"));
    }



    /** Alert rules of every group by name, in file order. */
    private static Map<String, Map<String, Object>> alerts() throws IOException {
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        for (Object group : list(load(RULES).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                Object alert = map(rule).get("alert");
                if (alert != null) {
                    assertThat(alerts.put(alert.toString(), map(rule))).as("%s: alert %s defined twice", RULES, alert)
                            .isNull();
                }
            }
        }
        return alerts;
    }

    private static Map<String, Object> load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
