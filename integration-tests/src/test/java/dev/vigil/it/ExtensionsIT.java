package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension SPI with its worked example, {@code extensions/scheduled-jobs}: a third-party jar named
 * by {@code -Dvigil.extensions} adds instrumentation (Spring's {@code @Scheduled} methods) to a Spring
 * Boot app, and a broken extension jar costs one log line, never the app.
 */
class ExtensionsIT {
    private static final String JOBS = "vigil_scheduled_job_duration_seconds_count";

    @Test
    void theScheduledJobsExtensionTimesEachRunOfEachJobWithItsOutcome() {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = AppProcess.jar(Artifacts.appJar("spring-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.extensions", Artifacts.extensionJar("scheduled-jobs"))
                .arg("--server.port=" + appPort)
                .arg("--app.jobs.enabled=true")
                .start()) {
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(90));
            app.awaitHttp(appPort, "/sleep/0", Duration.ofSeconds(90));

            // Each job runs once at start-up, then not for an hour: exactly one run each.
            Scrape scrape = Scrape.awaitValue(metricsPort, JOBS, Map.of("job", "ReportJobs.syncInventory"), 1);
            assertThat(scrape.value(JOBS, Map.of("job", "ReportJobs.refreshReport", "outcome", "success")))
                    .as(scrape.lines(JOBS)).isEqualTo(1);
            assertThat(scrape.value(JOBS, Map.of("job", "ReportJobs.syncInventory", "outcome", "error")))
                    .as(scrape.lines(JOBS)).isEqualTo(1);
            assertThat(scrape.labelValues(JOBS, "job")).containsExactly("ReportJobs.refreshReport", "ReportJobs.syncInventory");
            assertThat(app.stderr()).contains("extension scheduled-jobs installed from");
            // The app itself is untouched: its HTTP routes are still counted as ever.
            assertThat(Http.get(appPort, "/sleep/0").status()).isEqualTo(200);
        }
    }

    @Test
    void aMissingOrBrokenExtensionJarIsOneLogLineAndTheAppAndAgentRunOn(@TempDir Path dir) throws IOException {
        Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a zip file");
        Path missing = dir.resolve("missing.jar");
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = AppProcess.jar(Artifacts.appJar("spring-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.extensions", missing + "," + notAJar)
                .arg("--server.port=" + appPort)
                .start()) {
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(90));
            app.awaitHttp(appPort, "/sleep/0", Duration.ofSeconds(90));

            assertThat(Http.get(appPort, "/sleep/0").status()).isEqualTo(200);
            assertThat(app.stderr()).contains("vigil.extensions: " + missing + " is not a file");
            assertThat(app.stderr()).contains("vigil.extensions: " + notAJar);
            Scrape scrape = Scrape.await(metricsPort, s -> s.value("http_server_request_duration_seconds_count",
                    Map.of("http_route", "/sleep/{ms}")) >= 2, Duration.ofSeconds(10));
            assertThat(scrape.has("http_server_request_duration_seconds_count")).isTrue();
        }
    }
}
