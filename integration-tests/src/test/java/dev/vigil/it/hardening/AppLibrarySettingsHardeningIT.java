package dev.vigil.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's settings for its own copies of the libraries the agent also carries never reach the agent's.
 * An application that uses the Prometheus Java client configures it with {@code prometheus.properties} on its class
 * path, the file {@code PROMETHEUS_CONFIG} names, or {@code IO_PROMETHEUS_*} environment variables: the agent's
 * histograms keep the classic buckets the dashboards and alert rules read (native-only histograms have none), and a
 * key the agent's client version does not know (the application's may be newer) does not stop the agent. One that
 * names its SLF4J provider ({@code -Dslf4j.provider}, SLF4J 2's way) hears nothing from the agent's SLF4J about it.
 */
class AppLibrarySettingsHardeningIT {
    private static final String COUNT = "http_server_request_duration_seconds_count";
    private static final String BUCKET = "http_server_request_duration_seconds_bucket";
    private static final String APPLICATIONS_SETTINGS = """
            io.prometheus.metrics.histogram_native_only=true
            io.prometheus.exporter.a_key_of_a_newer_client=1
            io_prometheus_metrics_histogram_native_only=true
            """;
    private static final int REQUESTS = 30;

    @TempDir
    Path dir;

    @Test
    void theApplicationsSettingsForItsOwnPrometheusClientAndSlf4jNeverReachTheAgent() throws IOException {
        Path resources = Files.createDirectories(dir.resolve("resources"));
        Files.writeString(resources.resolve("prometheus.properties"), APPLICATIONS_SETTINGS);
        Path configFile = Files.writeString(dir.resolve("prometheus-config.properties"), APPLICATIONS_SETTINGS);
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HardeningApp.onPorts(appPort, AppProcess.freePort(), resources)
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .env("PROMETHEUS_CONFIG", configFile)
                .env("IO_PROMETHEUS_METRICS_HISTOGRAM_NATIVE_ONLY", "true")
                .env("IO_PROMETHEUS_EXPORTER_A_KEY_OF_A_NEWER_CLIENT", "1")
                // A provider this application does not even have: only an SLF4J that reads the setting complains.
                .sysProp("slf4j.provider", "org.example.logging.NoSuchProvider")
                .start()) {
            HardeningApp.awaitReady(app, appPort);
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(Http.get(appPort, "/db").status()).as(app.logTail()).isEqualTo(200);
            }

            Map<String, String> series = Map.of("http_route", "/db");
            Scrape scrape = Scrape.awaitValue(metricsPort, COUNT, series, REQUESTS, Duration.ofSeconds(30));
            assertThat(scrape.value(BUCKET, Map.of("http_route", "/db", "le", "+Inf")))
                    .as("the classic buckets are there\n" + scrape.lines(BUCKET)).isEqualTo(REQUESTS);
            assertThat(scrape.samples(BUCKET, series)).as(scrape.lines(BUCKET)).hasSizeGreaterThan(10);
            assertThat(app.stderr()).as(app.logTail()).doesNotContain("could not start").doesNotContain("Unknown property")
                    .doesNotContain("SLF4J").doesNotContain("NoSuchProvider");
        }
    }
}
