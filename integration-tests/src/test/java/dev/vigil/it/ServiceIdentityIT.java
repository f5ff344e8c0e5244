package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.OtlpReceiver;
import dev.vigil.it.support.Scrape;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's name on every series: the standard OpenTelemetry variables when set, as for the OpenTelemetry
 * agent; otherwise a name taken from the application that stays the same from one release to the next, with
 * the release in {@code service_version} and the process in {@code service_instance_id} on
 * {@code vigil_agent_info} alone. Real jars, as the frameworks package them, started with {@code -javaagent}.
 */
class ServiceIdentityIT {

    private static final String INFO = "vigil_agent_info";
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void otelServiceNameLabelsEverySeries() {
        assertThat(serviceNames("OTEL_SERVICE_NAME", "checkout")).containsExactly("checkout");
    }

    @Test
    void serviceNameInOtelResourceAttributesLabelsEverySeries() {
        assertThat(serviceNames("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod,service.name=billing"))
                .containsExactly("billing");
    }

    @Test
    void withoutOtelVariablesTheJarNameIsTheService() {
        assertThat(serviceNames("UNRELATED", "x")).containsExactly("httpserver-app");
    }

    @Test
    void twoReleasesOfOneSpringBootJarAreOneServiceAtTwoVersions() throws IOException {
        // spring-app sets no spring.application.name: Spring Boot's Start-Class names it, not the file.
        Path release = Files.copy(Artifacts.appJar("spring-app"), dir.resolve("spring-app-4.0.0-SNAPSHOT.jar"));
        Path next = Files.copy(Artifacts.appJar("spring-app"), dir.resolve("spring-app-4.0.1.jar"));
        int metricsPort = AppProcess.freePort();
        int nextMetricsPort = AppProcess.freePort();

        // Side by side on one host, as two replicas during a rolling deploy.
        try (AppProcess app = springApp(release, metricsPort).start();
             AppProcess nextApp = springApp(next, nextMetricsPort).start()) {
            Scrape scrape = scrapeWhenUp(app, metricsPort);
            Scrape nextScrape = scrapeWhenUp(nextApp, nextMetricsPort);

            assertThat(serviceNames(scrape)).containsExactly("SpringApp");
            assertThat(serviceNames(nextScrape)).containsExactly("SpringApp");
            Map<String, String> info = info(scrape);
            Map<String, String> nextInfo = info(nextScrape);
            assertThat(info).containsEntry("service_version", "4.0.0-SNAPSHOT");
            assertThat(nextInfo).containsEntry("service_version", "4.0.1");
            assertThat(info.get("service_instance_id")).isNotBlank().isNotEqualTo(nextInfo.get("service_instance_id"));
            assertThat(info.get("version")).as("the agent's own version").isNotBlank();
            assertVersionOnlyOnTheInfoSeries(nextScrape);
        }
    }

    @Test
    void springApplicationNameInsideTheJarNamesTheService() throws IOException {
        // The same executable jar, built from sources whose application.properties names the application.
        Path jar = Files.copy(Artifacts.appJar("spring-app"), dir.resolve("owners-service-2.3.0.jar"));
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            Files.writeString(zip.getPath("BOOT-INF/classes/application.properties"),
                    "\nspring.application.name=owners\n", StandardOpenOption.APPEND);
        }
        int metricsPort = AppProcess.freePort();

        try (AppProcess app = springApp(jar, metricsPort).start()) {
            Scrape scrape = scrapeWhenUp(app, metricsPort);

            assertThat(serviceNames(scrape)).containsExactly("owners");
            assertThat(info(scrape)).containsEntry("service_version", "2.3.0");
        }
    }

    @Test
    void springApplicationNameInTheWorkingDirectoryConfigNamesTheService() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/application.yml"), "spring:\n  application:\n    name: owners-from-config\n");
        int metricsPort = AppProcess.freePort();

        try (AppProcess app = springApp(Artifacts.appJar("spring-app"), metricsPort).start()) {
            assertThat(serviceNames(scrapeWhenUp(app, metricsPort))).containsExactly("owners-from-config");
        }
    }

    @Test
    void quarkusFastJarIsNamedByQuarkusApplicationName() {
        Path runJar = Artifacts.appsDir().resolve("quarkus-app/target/quarkus-app/quarkus-run.jar");
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();

        try (AppProcess app = AppProcess.jar(runJar).withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("quarkus.http.port", appPort)
                .directory(dir)
                .start()) {
            app.awaitHttp(appPort, "/hello", START);
            Scrape scrape = scrapeWhenUp(app, metricsPort);

            assertThat(serviceNames(scrape)).containsExactly("greeting");
            assertThat(info(scrape)).containsEntry("service_version", "0.1.0-SNAPSHOT");
        }
    }

    @Test
    void aPlainVersionedJarIsNamedWithoutItsVersion() throws IOException {
        Path jar = Files.copy(Artifacts.examplesDir().resolve("httpserver-app/target/httpserver-app.jar"),
                dir.resolve("httpserver-app-1.4.0.jar"));
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();

        try (AppProcess app = AppProcess.jar(jar).withAgent()
                .sysProp("app.port", appPort)
                .sysProp("vigil.metrics.port", metricsPort)
                .directory(dir)
                .start()) {
            HttpServerExample.awaitReady(app, appPort);
            Scrape scrape = scrapeWhenUp(app, metricsPort);

            assertThat(serviceNames(scrape)).containsExactly("httpserver-app");
            assertThat(info(scrape)).containsEntry("service_version", "1.4.0");
            assertVersionOnlyOnTheInfoSeries(scrape);
        }
    }

    @Test
    void exportedSpansNameTheSameVersionAndInstanceAsTheMetrics() throws IOException {
        Path jar = Files.copy(Artifacts.examplesDir().resolve("httpserver-app/target/httpserver-app.jar"),
                dir.resolve("httpserver-app-1.4.0.jar"));
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();

        try (OtlpReceiver receiver = OtlpReceiver.start();
             AppProcess app = AppProcess.jar(jar).withAgent()
                     .sysProp("app.port", appPort)
                     .sysProp("vigil.metrics.port", metricsPort)
                     .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                     .env("OTEL_BSP_SCHEDULE_DELAY", 100)
                     .directory(dir)
                     .start()) {
            HttpServerExample.awaitReady(app, appPort);
            Http.get(appPort, "/items/1");
            receiver.awaitSpans(span -> span.kind().equals("SERVER"), Duration.ofSeconds(30));
            Map<String, String> info = info(scrapeWhenUp(app, metricsPort));

            assertThat(receiver.resources()).isNotEmpty().allSatisfy(resource -> assertThat(resource)
                    .containsEntry("service.name", "httpserver-app")
                    .containsEntry("service.version", "1.4.0")
                    .containsEntry("service.instance.id", info.get("service_instance_id")));
        }
    }

    @Test
    void aMainClassOnAClassPathIsNamedAfterTheClass() {
        Path jar = Artifacts.examplesDir().resolve("httpserver-app/target/httpserver-app.jar");
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();

        try (AppProcess app = AppProcess.mainClass("dev.vigil.examples.httpserver.ShopApp", List.of(jar)).withAgent()
                .sysProp("app.port", appPort)
                .sysProp("vigil.metrics.port", metricsPort)
                .directory(dir)
                .start()) {
            HttpServerExample.awaitReady(app, appPort);
            Scrape scrape = scrapeWhenUp(app, metricsPort);

            assertThat(serviceNames(scrape)).containsExactly("ShopApp");
            assertThat(info(scrape).getOrDefault("service_version", "")).as("no version to tell").isEmpty();
        }
    }

    private AppProcess.Builder springApp(Path jar, int metricsPort) {
        return AppProcess.jar(jar).withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg("--server.port=" + AppProcess.freePort())
                .directory(dir);
    }

    private static Scrape scrapeWhenUp(AppProcess app, int metricsPort) {
        app.awaitHttp(metricsPort, "/metrics", START);
        return Scrape.fetch(metricsPort);
    }

    private static Set<String> serviceNames(Scrape scrape) {
        Set<String> names = new TreeSet<>();
        for (Scrape.Sample sample : scrape.samples()) {
            names.add(sample.label("service_name"));
        }
        return names;
    }

    private static Map<String, String> info(Scrape scrape) {
        List<Scrape.Sample> info = scrape.samples(INFO, Map.of());
        assertThat(info).as("%s series", INFO).hasSize(1);
        return info.get(0).labels();
    }

    /** A label on every series would start a new set of series at each deploy. */
    private static void assertVersionOnlyOnTheInfoSeries(Scrape scrape) {
        assertThat(scrape.samples())
                .filteredOn(s -> !s.name().equals(INFO))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.labels()).doesNotContainKeys("service_version", "service_instance_id"));
    }

    private static Set<String> serviceNames(String variable, String value) {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HttpServerExample.onPort(appPort).withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .env(variable, value)
                .start()) {
            HttpServerExample.awaitReady(app, appPort);
            return serviceNames(scrapeWhenUp(app, metricsPort));
        }
    }
}
