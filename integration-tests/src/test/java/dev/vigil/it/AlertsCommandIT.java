package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vigil.it.support.Artifacts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert compiler as a user runs it, from the built jar in its own JVM:
 * {@code java -jar vigil-agent.jar alerts alerts.yaml -o out/ --check}.
 */
class AlertsCommandIT {

    private static final String EVERY_KIND = """
            service: shop
            alerts:
              - name: CheckoutSuccessRateLow
                ratio: { good: checkout.completed, total: [checkout.completed, checkout.failed] }
                below: 0.95
                over: 15m
                severity: page
                runbook_url: https://wiki.example/checkout
              - name: SignupsStalled
                rate: { event: signup.completed }
                below: 1
                over: 30m
              - name: CheckoutSlow
                route: "POST /checkout"
                latency: p95
                above: 500ms
                over: 10m
              - name: CheckoutErrors
                route: "POST /checkout"
                error_rate: { above: 0.05 }
                over: 10m
            slos:
              - name: checkout-availability
                route: "POST /checkout"
                objective: 99.9%
                window: 30d
            """;

    @TempDir
    Path dir;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    @Test
    void compilesAnAlertsFileAndPromtoolChecksAndTestsTheResult() throws Exception {
        Path alerts = dir.resolve("alerts.yaml");
        Files.writeString(alerts, EVERY_KIND);
        Path out = dir.resolve("out");

        Run run = vigil("alerts", alerts.toString(), "-o", out.toString(), "--check");

        assertThat(run.exitCode()).as("exit code; stdout:%n%s%nstderr:%n%s", run.stdout(), run.stderr()).isZero();
        assertThat(out.resolve("vigil-user-alerts.rules.yaml")).isRegularFile();
        assertThat(out.resolve("vigil-user-alerts.rules.test.yaml")).isRegularFile();
        assertThat(out.resolve("vigil-user-alerts.grafana.yaml")).isRegularFile();
        assertThat(Files.readString(out.resolve("vigil-user-alerts.rules.yaml")))
                .contains("- alert: CheckoutSuccessRateLow", "- alert: CheckoutSuccessRateLowNoData",
                        "- alert: CheckoutAvailabilityErrorBudgetBurn", "histogram_quantile(0.95,");
        if (promtoolOnPath()) {
            assertThat(run.stdout()).contains("SUCCESS: ").contains("every generated test passes");
        } else if ("1".equals(System.getenv("VIGIL_REQUIRE_SERVICES"))) {
            fail("promtool is not on the PATH (Debian: apt-get install prometheus), and VIGIL_REQUIRE_SERVICES=1 says it must be");
        } else {
            assertThat(run.stdout()).contains("promtool is not on the PATH, so the rules were not checked");
        }
    }

    @Test
    void aMistakeNamesTheFileAndLineAndExitsWith2() throws Exception {
        Path alerts = dir.resolve("alerts.yaml");
        Files.writeString(alerts, """
                alerts:
                  - name: CheckoutSuccessRateLow
                    ratio: { good: checkout.completed, total: [checkout.completed, checkout.failed] }
                    below: 0.95
                    over: fifteen
                """);

        Run run = vigil("alerts", alerts.toString(), "-o", dir.resolve("out").toString(), "--check");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains(alerts + " line 5: over: expected a duration such as 15m, 1h or 30d, got \"fifteen\"");
    }

    @Test
    void withoutArgumentsTheJarDescribesItselfAndItsCommands() throws Exception {
        Run run = vigil();

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("Attach it with -javaagent:vigil-agent.jar").contains("alerts FILE -o DIR");
    }

    @Test
    void aBadInvocationPrintsTheUsageAndExitsWith2() throws Exception {
        Run unknown = vigil("alert", "alerts.yaml");
        Run noFile = vigil("alerts");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown command alert").contains("Usage:");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.stderr()).contains("Usage: java -jar vigil-agent.jar alerts FILE");
    }

    private Run vigil(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(Artifacts.agentJar().toString());
        command.addAll(List.of(args));
        // Output to files, not pipes: a full pipe buffer would block the process and look like a hang.
        Path stdout = Files.createTempFile(dir, "stdout", ".log");
        Path stderr = Files.createTempFile(dir, "stderr", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            fail(String.join(" ", command) + " did not finish in 120s");
        }
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private static boolean promtoolOnPath() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, "promtool");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }
}
