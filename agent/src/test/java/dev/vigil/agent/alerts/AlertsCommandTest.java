package dev.vigil.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alerts FILE -o DIR [--check]} as a user runs it: what it writes, prints and exits with. */
class AlertsCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesTheRulesTheirTestsAndTheGrafanaFile() throws Exception {
        Path output = dir.resolve("out");

        int status = run(Optional.empty(), Fixtures.resource(Fixtures.EVERY_KIND).toString(), "-o", output.toString());

        assertThat(status).isZero();
        assertThat(output.resolve("vigil-user-alerts.rules.yaml")).isRegularFile();
        assertThat(output.resolve("vigil-user-alerts.rules.test.yaml")).isRegularFile();
        assertThat(output.resolve("vigil-user-alerts.grafana.yaml")).isRegularFile();
        assertThat(out()).contains("wrote " + output.resolve("vigil-user-alerts.rules.yaml")
                + " (21 alerts, 28 recording rules from 6 alerts and 2 SLOs)");
        assertThat(Files.readString(output.resolve("vigil-user-alerts.rules.test.yaml")))
                .contains("rule_files:\n  - vigil-user-alerts.rules.yaml\n");
    }

    @Test
    void checkRunsPromtoolAndPasses() throws Exception {
        Promtool promtool = PromtoolSupport.require();

        int status = run(Optional.empty(), Fixtures.resource(Fixtures.EVERY_KIND).toString(), "-o", dir.toString(),
                "--check", "--promtool", promtool.executable().toString());

        assertThat(status).as("stdout:%n%s%nstderr:%n%s", out(), err()).isZero();
        assertThat(out()).contains("check rules").contains("SUCCESS: 49 rules found").doesNotContain("FAILED").contains("test rules")
                .contains("every generated test passes");
    }

    @Test
    void checkWithoutPromtoolFailsWithUsageStatusInOneLineAndStillWrites() throws Exception {
        int status = run(Optional.empty(), Fixtures.resource(Fixtures.EVERY_KIND).toString(), "-o", dir.toString(), "--check");

        assertThat(status).as("a check that never ran is not a pass").isEqualTo(AlertsCommand.USAGE_ERROR);
        assertThat(err().lines()).containsExactly("alerts: --check needs promtool, which is not on the PATH: the rules were"
                + " written but not checked (install Prometheus' promtool, e.g. apt-get install prometheus, or pass --promtool PATH)");
        assertThat(dir.resolve("vigil-user-alerts.rules.yaml")).isRegularFile();
    }

    @Test
    void aFailingPromtoolFailsTheCheck() throws Exception {
        Path falsePromtool = dir.resolve("promtool");
        Files.writeString(falsePromtool, "#!/bin/sh\necho \"FAILED: pretend\"\nexit 1\n");
        assertThat(falsePromtool.toFile().setExecutable(true)).isTrue();

        int status = run(Optional.of(falsePromtool), Fixtures.resource(Fixtures.EVERY_KIND).toString(), "-o",
                dir.resolve("out").toString(), "--check");

        assertThat(status).isEqualTo(AlertsCommand.CHECK_FAILED);
        assertThat(out()).contains("FAILED: pretend");
        assertThat(err()).contains("promtool found a problem");
    }

    @Test
    void aMistakeInTheFileNamesItsLineAndExitsWith2() throws Exception {
        Path file = Fixtures.write(dir, """
                alerts:
                  - name: CheckoutSuccessRateLow
                    ratio: { good: checkout.completed, total: [checkout.completed, checkout.failed] }
                    below: 0.95
                    over: fifteen
                """);

        int status = run(Optional.empty(), file.toString(), "-o", dir.resolve("out").toString());

        assertThat(status).isEqualTo(AlertsCommand.USAGE_ERROR);
        assertThat(err()).isEqualTo(file + " line 5: over: expected a duration such as 15m, 1h or 30d, got \"fifteen\"\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anObjectiveBeyondFiveNinesExitsWith2NotWithACrash() throws Exception {
        Path file = Fixtures.write(dir, """
                slos:
                  - name: checkout
                    route: "POST /checkout"
                    objective: "99.99999999999%"
                """);

        int status = run(Optional.empty(), file.toString(), "-o", dir.resolve("out").toString());

        assertThat(status).isEqualTo(AlertsCommand.USAGE_ERROR);
        assertThat(err()).startsWith(file + " line 4: objective: at most 99.999%");
    }

    @Test
    void helpAndBadInvocationsPrintTheUsage() {
        assertThat(run(Optional.empty(), "--help")).isZero();
        assertThat(out()).startsWith("Usage: java -jar vigil-agent.jar alerts FILE [-o DIR] [--check]");

        assertThat(run(Optional.empty())).isEqualTo(AlertsCommand.USAGE_ERROR);
        assertThat(err()).contains("which alerts file?").contains("Usage:");

        assertThat(run(Optional.empty(), "alerts.yaml", "--chek")).isEqualTo(AlertsCommand.USAGE_ERROR);
        assertThat(err()).contains("unknown option --chek");

        assertThat(run(Optional.empty(), "alerts.yaml", "-o")).isEqualTo(AlertsCommand.USAGE_ERROR);
        assertThat(err()).contains("-o needs a value");
    }

    @Test
    void theDatasourceUidCanBeChosen() throws Exception {
        run(Optional.empty(), Fixtures.resource(Fixtures.EVERY_KIND).toString(), "-o", dir.toString(),
                "--datasource-uid", "mimir");

        assertThat(Files.readString(dir.resolve("vigil-user-alerts.grafana.yaml"))).contains("datasourceUid: \"mimir\"")
                .doesNotContain("datasourceUid: \"prometheus\"");
    }

    private int run(Optional<Path> promtoolOnPath, String... args) {
        out.reset();
        err.reset();
        return new AlertsCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> promtoolOnPath).execute(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
