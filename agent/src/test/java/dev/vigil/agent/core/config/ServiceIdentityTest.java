package dev.vigil.agent.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A service with no configured name gets one that survives its next release, from the application itself;
 * its version and instance go beside the name, never into it. Each test builds the jar layout a framework
 * ships and launches it the way {@code java -jar} records it in {@code sun.java.command}.
 */
class ServiceIdentityTest {

    private static final String BOOT_CLASSES = "BOOT-INF/classes/";

    @TempDir
    Path dir;

    // -- the framework's own name

    @Test
    void springApplicationNameInsideASpringBootJar() throws IOException {
        Path jar = springBootJar("spring-petclinic-4.0.0-SNAPSHOT.jar",
                Map.of(BOOT_CLASSES + "application.properties", "server.port=8080\nspring.application.name=petclinic\n"));

        ServiceIdentity identity = launch(jar);

        assertThat(identity.serviceName()).isEqualTo("petclinic");
        assertThat(identity.serviceVersion()).isEqualTo("4.0.0-SNAPSHOT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application.yml", "application.yaml"})
    void springApplicationNameInANestedYamlInsideTheJar(String file) throws IOException {
        Path jar = springBootJar("shop.jar",
                Map.of(BOOT_CLASSES + file, "spring:\n  application:\n    name: shop-api\n"));

        assertThat(launch(jar).serviceName()).isEqualTo("shop-api");
    }

    @Test
    void insideTheJarConfigFolderBeatsTheRootAndPropertiesBeatYaml() throws IOException {
        Path jar = springBootJar("shop.jar", Map.of(
                BOOT_CLASSES + "application.properties", "spring.application.name=root-properties",
                BOOT_CLASSES + "application.yml", "spring.application.name: root-yaml",
                BOOT_CLASSES + "config/application.yml", "spring.application.name: config-yaml"));

        assertThat(launch(jar).serviceName()).isEqualTo("config-yaml");

        Path second = springBootJar("shop2.jar", Map.of(
                BOOT_CLASSES + "application.properties", "spring.application.name=root-properties",
                BOOT_CLASSES + "application.yml", "spring.application.name: root-yaml"));
        assertThat(launch(second).serviceName()).isEqualTo("root-properties");
    }

    @Test
    void aFileInTheWorkingDirectoryOrItsConfigFolderOverridesTheJar() throws IOException {
        Path jar = springBootJar("shop.jar", Map.of(BOOT_CLASSES + "application.properties", "spring.application.name=inside"));
        Files.writeString(dir.resolve("application.yml"), "spring:\n  application:\n    name: beside\n");

        assertThat(launch(jar).serviceName()).isEqualTo("beside");

        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/application.properties"), "spring.application.name=in-config");
        assertThat(launch(jar).serviceName()).isEqualTo("in-config");
    }

    @Test
    void theProcessItselfCanNameTheApplication() throws IOException {
        Path jar = springBootJar("shop.jar", Map.of(BOOT_CLASSES + "application.properties", "spring.application.name=inside"));

        assertThat(resolve(Map.of("sun.java.command", jar + " --spring.application.name=from-argument",
                "user.dir", dir.toString()), Map.of()).serviceName()).isEqualTo("from-argument");
        assertThat(resolve(Map.of("sun.java.command", jar.toString(), "user.dir", dir.toString(),
                "spring.application.name", "from-property"), Map.of()).serviceName()).isEqualTo("from-property");
        assertThat(resolve(Map.of("sun.java.command", jar.toString(), "user.dir", dir.toString()),
                Map.of("QUARKUS_APPLICATION_NAME", "from-environment")).serviceName()).isEqualTo("from-environment");
    }

    @Test
    void aPlaceholderFallsThroughToTheNextSource() throws IOException {
        Path jar = springBootJar("shop-1.2.0.jar",
                Map.of(BOOT_CLASSES + "application.properties", "spring.application.name=${APP_NAME:shop}"));

        assertThat(launch(jar).serviceName()).isEqualTo("PetClinicApplication");
        assertThat(resolve(Map.of("sun.java.command", jar.toString(), "spring.application.name", "${x}"), Map.of())
                .serviceName()).isEqualTo("PetClinicApplication");
    }

    @Test
    void aProfileDocumentDoesNotNameTheService() throws IOException {
        Path jar = springBootJar("shop.jar", Map.of(BOOT_CLASSES + "application.yml",
                "spring.application.name: shop\n---\nspring.config.activate.on-profile: prod\nspring.application.name: shop-prod\n"));

        assertThat(launch(jar).serviceName()).isEqualTo("shop");
    }

    @Test
    void quarkusFastJarIsReadThroughTheApplicationsOwnJar() throws IOException {
        Path quarkusApp = Files.createDirectories(dir.resolve("target/quarkus-app"));
        Path runJar = jar(quarkusApp.resolve("quarkus-run.jar"),
                manifest(Map.of("Main-Class", "io.quarkus.bootstrap.runner.QuarkusEntryPoint")), Map.of());
        Files.createDirectories(quarkusApp.resolve("app"));
        jar(quarkusApp.resolve("app/greeting-service-1.4.2.jar"), null, Map.of("application.properties",
                "%dev.quarkus.application.name=dev-greeting\nquarkus.application.name=greeting\n"));

        ServiceIdentity identity = launch(runJar);

        assertThat(identity.serviceName()).isEqualTo("greeting");
        assertThat(identity.serviceVersion()).isEqualTo("1.4.2");
    }

    @Test
    void quarkusFastJarWithoutANameIsNamedAfterTheApplicationsJar() throws IOException {
        Path quarkusApp = Files.createDirectories(dir.resolve("quarkus-app"));
        Path runJar = jar(quarkusApp.resolve("quarkus-run.jar"), null, Map.of());
        Files.createDirectories(quarkusApp.resolve("app"));
        jar(quarkusApp.resolve("app/greeting-service-1.4.2.jar"), null, Map.of("application.properties", "quarkus.http.port=0"));

        ServiceIdentity identity = launch(runJar);

        assertThat(identity.serviceName()).isEqualTo("greeting-service");
        assertThat(identity.serviceVersion()).isEqualTo("1.4.2");
    }

    @Test
    void micronautApplicationNameAtTheJarsRoot() throws IOException {
        Path jar = jar(dir.resolve("orders-0.3.0-all.jar"), manifest(Map.of("Main-Class", "com.shop.Application")),
                Map.of("application.yml", "micronaut:\n  application:\n    name: orders\n"));

        ServiceIdentity identity = launch(jar);

        assertThat(identity.serviceName()).isEqualTo("orders");
        assertThat(identity.serviceVersion()).isEqualTo("0.3.0");
    }

    @Test
    void anUnpackedSpringBootJarRunByItsLauncher() throws IOException {
        Files.createDirectories(dir.resolve("META-INF"));
        Files.createDirectories(dir.resolve(BOOT_CLASSES));
        try (OutputStream out = Files.newOutputStream(dir.resolve("META-INF/MANIFEST.MF"))) {
            manifest(Map.of("Start-Class", "com.shop.ShopApplication", "Spring-Boot-Classes", BOOT_CLASSES)).write(out);
        }
        Files.writeString(dir.resolve(BOOT_CLASSES + "application.properties"), "spring.application.name=unpacked");

        assertThat(resolve(Map.of("sun.java.command", "org.springframework.boot.loader.launch.JarLauncher",
                "user.dir", dir.toString(), "java.class.path", "."), Map.of()).serviceName()).isEqualTo("unpacked");
    }

    // -- the manifest, then the file name

    @Test
    void implementationTitleAndVersionFromTheManifest() throws IOException {
        Path jar = jar(dir.resolve("app.jar"), manifest(Map.of("Implementation-Title", "billing",
                "Implementation-Version", "2.7.1", "Main-Class", "com.shop.Main")), Map.of());

        ServiceIdentity identity = launch(jar);

        assertThat(identity.serviceName()).isEqualTo("billing");
        assertThat(identity.serviceVersion()).isEqualTo("2.7.1");
    }

    @Test
    void springBootStartClassWhenTheApplicationHasNoName() throws IOException {
        Path jar = springBootJar("app.jar", Map.of(BOOT_CLASSES + "application.properties", "server.port=8080"));

        assertThat(launch(jar).serviceName()).isEqualTo("PetClinicApplication");
    }

    @Test
    void springBootBuildInfoGivesTheVersion() throws IOException {
        Path jar = springBootJar("app.jar", Map.of(BOOT_CLASSES + "META-INF/build-info.properties",
                "build.artifact=petclinic\nbuild.version=3.5.0\n"));

        assertThat(launch(jar).serviceVersion()).isEqualTo("3.5.0");
    }

    @Test
    void aPlainJarIsNamedAfterItsFileWithoutTheVersionNotAfterItsMainClass() throws IOException {
        Path jar = jar(dir.resolve("inventory-service-1.8.0.jar"), manifest(Map.of("Main-Class", "com.shop.Main")), Map.of());

        ServiceIdentity identity = launch(jar);

        assertThat(identity.serviceName()).isEqualTo("inventory-service");
        assertThat(identity.serviceVersion()).isEqualTo("1.8.0");
    }

    @Test
    void twoReleasesOfOneJarAreOneServiceAtTwoVersions() throws IOException {
        Path first = springBootJar("spring-petclinic-4.0.0-SNAPSHOT.jar", Map.of());
        Path next = Files.copy(first, dir.resolve("spring-petclinic-4.0.1.jar"));

        ServiceIdentity before = launch(first);
        ServiceIdentity after = launch(next);

        assertThat(after.serviceName()).isEqualTo(before.serviceName()).isEqualTo("PetClinicApplication");
        assertThat(before.serviceVersion()).isEqualTo("4.0.0-SNAPSHOT");
        assertThat(after.serviceVersion()).isEqualTo("4.0.1");
    }

    @Test
    void aMainClassOnAClassPathGivesItsSimpleName() {
        ServiceIdentity identity = resolve(Map.of("sun.java.command", "com.shop.billing.BillingWorker --threads 4",
                "java.class.path", "lib/a.jar:lib/b.jar", "user.dir", dir.toString()), Map.of());

        assertThat(identity.serviceName()).isEqualTo("BillingWorker");
        assertThat(identity.serviceVersion()).isEmpty();
    }

    @Test
    void aJarThatCannotBeReadStillGivesItsFileName() throws IOException {
        Path jar = Files.writeString(dir.resolve("broken-2.0.1.jar"), "not a zip");

        ServiceIdentity identity = launch(jar);

        assertThat(identity.serviceName()).isEqualTo("broken");
        assertThat(identity.serviceVersion()).isEqualTo("2.0.1");
    }

    @Test
    void aFileThatCannotBeParsedFallsThroughToTheNextFile() throws IOException {
        Path jar = springBootJar("shop.jar", Map.of(
                BOOT_CLASSES + "application.properties", "spring.application.name=\\uZZZZ",
                BOOT_CLASSES + "application.yml", "spring.application.name: from-yaml"));

        assertThat(launch(jar).serviceName()).isEqualTo("from-yaml");
    }

    @Test
    void oddLaunchesNeverThrow() {
        assertThat(resolve(Map.of("sun.java.command", "org.springframework.boot.loader.launch.JarLauncher",
                "java.class.path", "/", "user.dir", "/"), Map.of()).serviceName()).isEqualTo("JarLauncher");
        assertThat(resolve(Map.of("sun.java.command", "/.jar", "user.dir", "\u0000"), Map.of()).serviceName())
                .isEqualTo("unknown_service:java");
        assertThat(resolve(Map.of("sun.java.command", dir + " x"), Map.of()).serviceName()).isNotBlank();
    }

    @Test
    void aJarGivenRelativeToTheWorkingDirectory() throws IOException {
        jar(dir.resolve("reports.jar"), manifest(Map.of("Implementation-Title", "reporting")), Map.of());

        assertThat(resolve(Map.of("sun.java.command", "reports.jar", "user.dir", dir.toString()), Map.of()).serviceName())
                .isEqualTo("reporting");
    }

    // -- what is configured wins, and the instance

    @Test
    void aConfiguredNameStillGetsTheApplicationsVersion() throws IOException {
        Path jar = springBootJar("spring-petclinic-4.0.1.jar", Map.of());

        ServiceIdentity identity = resolve(Map.of("sun.java.command", jar.toString()), Map.of("OTEL_SERVICE_NAME", "checkout"));

        assertThat(identity.serviceName()).isEqualTo("checkout");
        assertThat(identity.serviceVersion()).isEqualTo("4.0.1");
        assertThat(identity.resourceAttributes()).containsEntry("service.version", "4.0.1");
    }

    @Test
    void versionAndInstanceInTheResourceAttributesWin() throws IOException {
        Path jar = springBootJar("spring-petclinic-4.0.1.jar", Map.of());

        ServiceIdentity identity = resolve(Map.of("sun.java.command", jar.toString()), Map.of("OTEL_RESOURCE_ATTRIBUTES",
                "service.version=4.0.1-hotfix,service.instance.id=pod-7"));

        assertThat(identity.serviceName()).isEqualTo("PetClinicApplication");
        assertThat(identity.serviceVersion()).isEqualTo("4.0.1-hotfix");
        assertThat(identity.serviceInstanceId()).isEqualTo("pod-7");
    }

    @Test
    void eachProcessStartIsANewInstance() {
        String first = resolve(Map.of(), Map.of()).serviceInstanceId();
        String second = resolve(Map.of(), Map.of()).serviceInstanceId();

        assertThat(first).isNotEqualTo(second);
        assertThat(UUID.fromString(first).version()).isEqualTo(4);
        assertThat(UUID.fromString(first).variant()).isEqualTo(2);
        assertThat(resolve(Map.of(), Map.of()).resourceAttributes()).containsKey("service.instance.id")
                .doesNotContainKey("service.version");
    }

    // -- the version in a file name

    @ParameterizedTest(name = "{0} is {1} at {2}")
    @CsvSource({
            "spring-petclinic-4.0.0-SNAPSHOT.jar, spring-petclinic, 4.0.0-SNAPSHOT",
            "shop-1.2.3.jar,                      shop,             1.2.3",
            "orders-1.0.jar,                      orders,           1.0",
            "billing-2024.05.1.jar,               billing,          2024.05.1",
            "legacy-1.0.0.RELEASE.jar,            legacy,           1.0.0.RELEASE",
            "catalog-6.4.4.Final.jar,             catalog,          6.4.4.Final",
            "api-v1.2.3.jar,                      api,              v1.2.3",
            "svc-3.1.0-rc.1.jar,                  svc,              3.1.0-rc.1",
            "svc-2.0.0-M2.jar,                    svc,              2.0.0-M2",
            "svc-1.0-20240501.120000-3.jar,       svc,              1.0-20240501.120000-3",
            "greeting-1.0.0-SNAPSHOT-runner.jar,  greeting,         1.0.0-SNAPSHOT",
            "tool-2.1.0-all.jar,                  tool,             2.1.0",
            "log4j2-app-1.0.jar,                  log4j2-app,       1.0",
    })
    void aTrailingVersionIsStripped(String file, String name, String version) {
        assertThat(ServiceIdentity.JarName.of(file)).isEqualTo(new ServiceIdentity.JarName(name, version));
    }

    /**
     * Kept whole: a bare number (app-v2, worker-2, app-2024) is as likely a name as a version, a version
     * needs major.minor; digits inside a word (log4j2, h2) never count; nor does a version with something
     * after it that is no qualifier, nor a name that is only a version.
     */
    @ParameterizedTest
    @ValueSource(strings = {"log4j2-app", "h2", "app-v2", "worker-2", "app-2024", "python-3.11-tools",
            "app-1.2.3-linux", "1.2.3", "my-app", "spring-app"})
    void aNameWithoutATrailingVersionIsKept(String name) {
        assertThat(ServiceIdentity.JarName.of(name + ".jar")).isEqualTo(new ServiceIdentity.JarName(name, null));
    }

    // -- helpers: the layouts frameworks ship

    private ServiceIdentity launch(Path jar) {
        return resolve(Map.of("sun.java.command", jar + " --server.port=0", "user.dir", dir.toString()), Map.of());
    }

    private static ServiceIdentity resolve(Map<String, String> systemProperties, Map<String, String> environment) {
        return ServiceIdentity.resolve("", systemProperties, environment, new ArrayList<>());
    }

    /** What spring-boot-maven-plugin's repackage writes: the launcher as Main-Class, the application in BOOT-INF. */
    private Path springBootJar(String name, Map<String, String> entries) throws IOException {
        Map<String, String> all = new HashMap<>(entries);
        all.put(BOOT_CLASSES + "org/springframework/samples/petclinic/PetClinicApplication.class", "");
        return jar(Files.createDirectories(dir.resolve("target")).resolve(name), manifest(Map.of(
                "Main-Class", "org.springframework.boot.loader.launch.JarLauncher",
                "Start-Class", "org.springframework.samples.petclinic.PetClinicApplication",
                "Spring-Boot-Classes", BOOT_CLASSES,
                "Spring-Boot-Lib", "BOOT-INF/lib/")), all);
    }

    private static Manifest manifest(Map<String, String> attributes) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        new LinkedHashMap<>(attributes).forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        return manifest;
    }

    private static Path jar(Path path, Manifest manifest, Map<String, String> entries) throws IOException {
        try (JarOutputStream out = manifest == null
                ? new JarOutputStream(Files.newOutputStream(path))
                : new JarOutputStream(Files.newOutputStream(path), manifest)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return path;
    }
}
