package dev.vigil.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The compiled rules of every alert kind are accepted by promtool and pass their generated tests; and
 * those tests bite: rules compiled with a wrong threshold or without the traffic guard fail them.
 */
class GeneratedRulesPromtoolTest {

    @TempDir
    Path dir;

    @Test
    void promtoolAcceptsTheRulesAndEveryGeneratedTestPasses() throws Exception {
        Promtool promtool = PromtoolSupport.require();
        AlertsConfig config = Fixtures.everyKind();
        write(config, config);

        assertPasses(promtool.run("check", "rules", dir.resolve(AlertsCommand.RULES_FILE).toString()));
        assertPasses(promtool.run("test", "rules", dir.resolve(AlertsCommand.TESTS_FILE).toString()));
    }

    @Test
    void alertsWithoutAServiceOddThresholdsAndTemplatedRoutesPassToo() throws Exception {
        Promtool promtool = PromtoolSupport.require();
        AlertsConfig config = AlertsFile.read(Fixtures.resource("all-services.yaml"), "all-services.yaml");
        write(config, config);

        assertPasses(promtool.run("check", "rules", dir.resolve(AlertsCommand.RULES_FILE).toString()));
        assertPasses(promtool.run("test", "rules", dir.resolve(AlertsCommand.TESTS_FILE).toString()));
    }

    @Test
    void everyAlertIsTestedFiringAndSilentAndEveryNoDataFiring() throws Exception {
        AlertsConfig config = Fixtures.everyKind();
        write(config, config);
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        Map<String, Object> tests = load(dir.resolve(AlertsCommand.TESTS_FILE));
        for (Object test : list(tests.get("tests"))) {
            for (Object check : list(map(test).get("alert_rule_test"))) {
                String alertname = (String) map(check).get("alertname");
                (list(map(check).get("exp_alerts")).isEmpty() ? silent : firing).add(alertname);
            }
        }
        Set<String> alerts = new TreeSet<>();
        for (Object group : list(load(dir.resolve(AlertsCommand.RULES_FILE)).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                if (map(rule).containsKey("alert")) {
                    alerts.add((String) map(rule).get("alert"));
                }
            }
        }

        assertThat(firing).as("alerts with a test where they fire").isEqualTo(alerts);
        assertThat(silent).as("alerts with a test where they stay silent")
                .containsAll(alerts.stream().filter(a -> !a.endsWith("NoData")).toList());
        String text = Files.readString(dir.resolve(AlertsCommand.TESTS_FILE));
        for (AlertSpec spec : config.alerts()) {
            if (!spec.name().equals("PaymentDeclinesBurst")) { // above 10/min over 10m needs 100 events: its own guard
                assertThat(text).as("a low-traffic test of %s", spec.name())
                        .contains("- name: \"" + spec.name() + " stays silent at ");
            }
        }
    }

    @Test
    void rulesCompiledWithAWrongThresholdFailTheGeneratedTests() throws Exception {
        Promtool promtool = PromtoolSupport.require();
        AlertsConfig config = Fixtures.everyKind();
        // Each threshold moved past the value its "fires" test feeds in, so that none of them should fire.
        List<AlertSpec> wrong = config.alerts().stream().map(GeneratedRulesPromtoolTest::missesItsFiringValue).toList();
        List<SloSpec> wrongSlos = config.slos().stream().map(slo -> slo.withObjective(
                BigDecimal.valueOf(100).subtract(slo.errorBudget().movePointRight(3)))).toList(); // 10 times the budget
        write(new AlertsConfig(config.source(), config.grafanaUrl(), wrong, wrongSlos), config);

        Promtool.Result result = promtool.run("test", "rules", dir.resolve(AlertsCommand.TESTS_FILE).toString());

        assertThat(result.exitCode()).as("promtool test rules with wrong thresholds:%n%s", result.output()).isNotZero();
        for (AlertSpec spec : config.alerts()) {
            assertThat(result.output()).as("a failure for %s", spec.name()).contains("alertname: " + spec.name() + ",");
        }
        for (SloSpec slo : config.slos()) {
            assertThat(result.output()).as("a failure for %s", slo.name()).contains("alertname: " + slo.burnAlertName() + ",");
        }
    }

    @Test
    void rulesCompiledWithoutTheTrafficGuardFailTheLowTrafficTests() throws Exception {
        Promtool promtool = PromtoolSupport.require();
        AlertsConfig config = Fixtures.everyKind();
        List<AlertSpec> unguarded = config.alerts().stream().map(a -> a.withMinTraffic(0)).toList();
        write(new AlertsConfig(config.source(), config.grafanaUrl(), unguarded, config.slos()), config);

        Promtool.Result result = promtool.run("test", "rules", dir.resolve(AlertsCommand.TESTS_FILE).toString());

        assertThat(result.exitCode()).as("promtool test rules without guards:%n%s", result.output()).isNotZero();
        for (AlertSpec spec : config.alerts()) {
            if (!spec.name().equals("PaymentDeclinesBurst")) {
                assertThat(result.output()).as("the low-traffic test of %s fails", spec.name())
                        .contains("alertname: " + spec.name() + ",");
            }
        }
    }

    @Test
    void sloWindowsFromOneToNinetyDaysStaySilentWhenTheObjectiveIsMetAndPageWhenItBurns() throws Exception {
        Promtool promtool = PromtoolSupport.require();
        AlertsConfig config = AlertsFile.read(Fixtures.resource("slo-windows.yaml"), "slo-windows.yaml");
        write(config, config);

        assertPasses(promtool.run("check", "rules", dir.resolve(AlertsCommand.RULES_FILE).toString()));
        assertPasses(promtool.run("test", "rules", dir.resolve(AlertsCommand.TESTS_FILE).toString()));
        String tests = Files.readString(dir.resolve(AlertsCommand.TESTS_FILE));
        for (SloSpec slo : config.slos()) {
            assertThat(tests).contains("- name: \"" + slo.burnAlertName() + " stays silent when the objective is met (errors at 0.8x")
                    .contains("- name: \"" + slo.burnAlertName() + " pages and tickets when the budget burns 28.8x");
        }
    }

    @Test
    void rulesCompiledWithoutTheSloGuardsPageOnOneBadRequest() throws Exception {
        Promtool promtool = PromtoolSupport.require();
        AlertsConfig config = Fixtures.everyKind();
        List<SloSpec> unguarded = config.slos().stream().map(slo -> slo.withGuards(0, 0)).toList();
        write(new AlertsConfig(config.source(), config.grafanaUrl(), List.of(), unguarded),
                new AlertsConfig(config.source(), config.grafanaUrl(), List.of(), config.slos()));

        Promtool.Result result = promtool.run("test", "rules", dir.resolve(AlertsCommand.TESTS_FILE).toString());

        assertThat(result.exitCode()).as("promtool test rules without SLO guards:%n%s", result.output()).isNotZero();
        assertThat(result.output()).contains("CheckoutAvailabilityErrorBudgetBurn stays silent on one bad event among 25 per hour");
    }

    @Test
    void rulesCompiledForAnotherSloWindowFailTheGeneratedTests() throws Exception {
        Promtool promtool = PromtoolSupport.require();
        AlertsConfig config = Fixtures.everyKind();
        List<SloSpec> moved = config.slos().stream().map(slo -> slo.withWindow(new PromDuration(slo.window().seconds() * 2))).toList();
        write(new AlertsConfig(config.source(), config.grafanaUrl(), List.of(), moved),
                new AlertsConfig(config.source(), config.grafanaUrl(), List.of(), config.slos()));

        Promtool.Result result = promtool.run("test", "rules", dir.resolve(AlertsCommand.TESTS_FILE).toString());

        assertThat(result.exitCode()).as("promtool test rules with moved windows:%n%s", result.output()).isNotZero();
        for (SloSpec slo : config.slos()) {
            assertThat(result.output()).as("a failure for %s", slo.name()).contains("alertname: " + slo.burnAlertName() + ",");
        }
    }

    /** A threshold on the far side of the value the alert's "fires" test produces. */
    private static AlertSpec missesItsFiringValue(AlertSpec spec) {
        double t = spec.threshold();
        boolean below = spec.comparison() == Comparison.BELOW;
        double moved = spec.signal() instanceof Signal.RouteLatency ? 4 * t : below ? t / 4 : spec.signal() instanceof Signal.EventRate
                ? 100 * t : (1 + 3 * ((1 + t) / 2)) / 4; // ratios: between the firing value and 100%
        return spec.withThreshold(moved, "wrong");
    }

    /** Rules from {@code rules}, tests from {@code tests}: equal unless a test wants the rules to be wrong. */
    private void write(AlertsConfig rules, AlertsConfig tests) throws Exception {
        AlertsCompiler compiler = new AlertsCompiler(tests.grafanaUrl());
        Files.writeString(dir.resolve(AlertsCommand.RULES_FILE), PrometheusRulesWriter.write(
                new AlertsCompiler(rules.grafanaUrl()).compile(rules), "every-kind.yaml", AlertsCommand.TESTS_FILE));
        Files.writeString(dir.resolve(AlertsCommand.TESTS_FILE),
                PromtoolTestsWriter.write(tests, compiler, AlertsCommand.RULES_FILE, "every-kind.yaml"));
    }

    private static void assertPasses(Promtool.Result result) {
        assertThat(result.exitCode()).as("promtool exit code; its output:%n%s", result.output()).isZero();
    }

    private static Map<String, Object> load(Path file) throws Exception {
        return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
