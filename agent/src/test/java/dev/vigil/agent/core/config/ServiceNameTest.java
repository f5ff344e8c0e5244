package dev.vigil.agent.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceNameTest {

    private static final Map<String, String> JAR_LAUNCH = Map.of("sun.java.command", "/opt/shop/shop-app.jar --port 8080");

    @Test
    void vigilServiceNameWinsOverEverything() {
        VigilConfig config = VigilConfig.load(
                Map.of("vigil.service.name", "checkout", "otel.service.name", "otel-prop", "sun.java.command", "app.jar"),
                Map.of("OTEL_SERVICE_NAME", "otel-env", "OTEL_RESOURCE_ATTRIBUTES", "service.name=attr"));

        assertThat(config.serviceName()).isEqualTo("checkout");
        assertThat(config.resourceAttributes()).containsEntry("service.name", "checkout");
    }

    @Test
    void vigilServiceNameFromTheEnvironment() {
        assertThat(VigilConfig.load(JAR_LAUNCH, Map.of("VIGIL_SERVICE_NAME", "checkout")).serviceName())
                .isEqualTo("checkout");
    }

    @Test
    void vigilServiceNameFromTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("vigil.yaml"), "service:\n  name: checkout\n");

        assertThat(VigilConfig.load(Map.of("vigil.config", file.toString()), Map.of()).serviceName())
                .isEqualTo("checkout");
    }

    @Test
    void otelServiceNameFromTheEnvironment() {
        assertThat(VigilConfig.load(JAR_LAUNCH,
                Map.of("OTEL_SERVICE_NAME", "otel-env", "OTEL_RESOURCE_ATTRIBUTES", "service.name=attr")).serviceName())
                .isEqualTo("otel-env");
    }

    @Test
    void otelServiceNameSystemPropertyBeatsTheEnvironment() {
        assertThat(VigilConfig.load(Map.of("otel.service.name", "otel-prop"), Map.of("OTEL_SERVICE_NAME", "otel-env"))
                .serviceName()).isEqualTo("otel-prop");
    }

    @Test
    void serviceNameFromResourceAttributesPercentDecoded() {
        VigilConfig config = VigilConfig.load(JAR_LAUNCH,
                Map.of("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod, service.name=check%20out%2Bpay,team=a+b"));

        assertThat(config.serviceName()).isEqualTo("check out+pay");
        assertThat(config.resourceAttributes()).containsOnlyKeys(
                "deployment.environment", "service.name", "team", "service.instance.id");
        assertThat(config.resourceAttributes()).contains(
                entry("deployment.environment", "prod"), entry("service.name", "check out+pay"), entry("team", "a+b"));
    }

    @Test
    void resourceAttributesSystemPropertyReplacesTheEnvironment() {
        VigilConfig config = VigilConfig.load(Map.of("otel.resource.attributes", "service.name=from-prop"),
                Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-env,team=x"));

        assertThat(config.serviceName()).isEqualTo("from-prop");
        assertThat(config.resourceAttributes()).containsOnlyKeys("service.name", "service.instance.id");
    }

    @Test
    void resourceAttributesAlwaysCarryTheResolvedServiceNameVersionAndInstance() {
        VigilConfig config = VigilConfig.load(Map.of("vigil.service.name", "checkout"),
                Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.version=1.2"));

        assertThat(config.resourceAttributes()).containsExactly(entry("service.version", "1.2"),
                entry("service.name", "checkout"), entry("service.instance.id", config.serviceInstanceId()));
    }

    @Test
    void aMalformedAttributeIsWarnedAboutWithoutEchoingIt() {
        VigilConfig config = VigilConfig.load(JAR_LAUNCH, Map.of("OTEL_RESOURCE_ATTRIBUTES", "team=a,apikey-xyz,=b"));

        assertThat(config.resourceAttributes()).containsOnlyKeys("team", "service.name", "service.instance.id");
        assertThat(config.problems()).extracting(ConfigProblem::message).containsExactly(
                "resource attribute 2 in environment OTEL_RESOURCE_ATTRIBUTES is ignored: expected key=value",
                "resource attribute 3 in environment OTEL_RESOURCE_ATTRIBUTES is ignored: expected key=value");
    }

    @Test
    void derivedFromTheJarNameWithoutItsVersion() {
        assertThat(VigilConfig.load(JAR_LAUNCH, Map.of()).serviceName()).isEqualTo("shop-app");
        assertThat(ServiceIdentity.fromJavaCommand("app.JAR")).isEqualTo("app");
        assertThat(ServiceIdentity.fromJavaCommand("C:\\apps\\billing-1.0.jar")).isEqualTo("billing");
        assertThat(ServiceIdentity.fromJavaCommand("/opt/my apps/billing.jar --spring.profiles.active=prod"))
                .isEqualTo("billing");
    }

    @Test
    void derivedFromTheMainClass() {
        assertThat(VigilConfig.load(Map.of("sun.java.command", "com.shop.ShopApplication --debug"), Map.of())
                .serviceName()).isEqualTo("ShopApplication");
        assertThat(ServiceIdentity.fromJavaCommand("shop.module/com.shop.Main")).isEqualTo("Main");
        assertThat(ServiceIdentity.fromJavaCommand("com.shop.Main plugins/extra.jar")).isEqualTo("Main");
    }

    @Test
    void unknownWhenNothingTellsTheName() {
        assertThat(VigilConfig.load(Map.of(), Map.of()).serviceName()).isEqualTo("unknown_service:java");
        assertThat(VigilConfig.load(Map.of("sun.java.command", " "), Map.of()).serviceName())
                .isEqualTo("unknown_service:java");
    }

    @Test
    void percentDecodingKeepsMalformedEscapesAndDecodesUtf8() {
        assertThat(ServiceIdentity.percentDecode("caf%C3%A9")).isEqualTo("café");
        assertThat(ServiceIdentity.percentDecode("100%")).isEqualTo("100%");
        assertThat(ServiceIdentity.percentDecode("%zz")).isEqualTo("%zz");
    }
}
