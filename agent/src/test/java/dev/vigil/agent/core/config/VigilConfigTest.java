package dev.vigil.agent.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.core.config.ConfigProblem.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilConfigTest {

    @TempDir
    Path dir;

    @Test
    void usesTheDefaultsWhenNothingIsSet() {
        VigilConfig config = VigilConfig.load(Map.of(), Map.of());

        assertThat(config.bool(Setting.ENABLED)).isTrue();
        assertThat(config.string(Setting.METRICS_HOST)).isEqualTo("0.0.0.0");
        assertThat(config.integer(Setting.METRICS_PORT)).isEqualTo(9464);
        assertThat(config.integer(Setting.HTTP_MAX_ROUTES)).isEqualTo(500);
        assertThat(config.integer(Setting.JDBC_MAX_COLLECTIONS)).isEqualTo(200);
        assertThat(config.string(Setting.LOG_LEVEL)).isEqualTo("info");
        assertThat(config.string(Setting.LOG_FILE)).isEmpty();
        assertThat(config.metricsEndpointEnabled()).isTrue();
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void theProcessSwitchesTheAgentOffByTheSameNamesAsTheSettings() {
        assertThat(VigilConfig.ENABLED_PROPERTY).isEqualTo(Setting.ENABLED.key());
        assertThat(VigilConfig.ENABLED_ENVIRONMENT).isEqualTo(Setting.ENABLED.envName());
        assertThat(VigilConfig.switchedOff("false", null)).isTrue();
        assertThat(VigilConfig.switchedOff(null, "FALSE")).isTrue();
        assertThat(VigilConfig.switchedOff("true", "false")).as("the property wins").isFalse();
        assertThat(VigilConfig.switchedOff(null, null)).isFalse();
        assertThat(VigilConfig.switchedOff("no", null)).as("not a boolean: the settings report it").isFalse();
    }

    @Test
    void systemPropertyBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        Path file = yaml("""
                metrics:
                  port: 1111
                http:
                  max-routes: 111
                jdbc:
                  max-collections: 11
                """);

        VigilConfig config = VigilConfig.load(
                Map.of("vigil.config", file.toString(), "vigil.metrics.port", "3333"),
                Map.of("VIGIL_METRICS_PORT", "2222", "VIGIL_HTTP_MAX_ROUTES", "222"));

        assertThat(config.integer(Setting.METRICS_PORT)).isEqualTo(3333);
        assertThat(config.integer(Setting.HTTP_MAX_ROUTES)).isEqualTo(222);
        assertThat(config.integer(Setting.JDBC_MAX_COLLECTIONS)).isEqualTo(11);
        assertThat(config.string(Setting.LOG_LEVEL)).isEqualTo("info");
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void readsTheFileNamedByTheEnvironment() throws IOException {
        Path file = yaml("metrics.port: 1111\n");

        VigilConfig config = VigilConfig.load(Map.of(), Map.of("VIGIL_CONFIG", file.toString()));

        assertThat(config.integer(Setting.METRICS_PORT)).isEqualTo(1111);
    }

    @Test
    void blankValuesCountAsUnset() {
        VigilConfig config = VigilConfig.load(Map.of("vigil.metrics.port", " "), Map.of("VIGIL_METRICS_PORT", "2222"));

        assertThat(config.integer(Setting.METRICS_PORT)).isEqualTo(2222);
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void acceptsNestedAndDottedKeysInOneFile() throws IOException {
        VigilConfig config = load("""
                metrics:
                  port: 9999
                  host: 127.0.0.1
                http.max-routes: 300
                jdbc:
                  max-collections: 50
                  enabled: false
                log.level: DEBUG
                """);

        assertThat(config.integer(Setting.METRICS_PORT)).isEqualTo(9999);
        assertThat(config.string(Setting.METRICS_HOST)).isEqualTo("127.0.0.1");
        assertThat(config.integer(Setting.HTTP_MAX_ROUTES)).isEqualTo(300);
        assertThat(config.integer(Setting.JDBC_MAX_COLLECTIONS)).isEqualTo(50);
        assertThat(config.bool(Setting.JDBC_ENABLED)).isFalse();
        assertThat(config.string(Setting.LOG_LEVEL)).isEqualTo("debug");
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void acceptsATopLevelVigilWrapper() throws IOException {
        VigilConfig config = load("""
                vigil:
                  metrics:
                    port: 9999
                  http.max-routes: 300
                """);

        assertThat(config.integer(Setting.METRICS_PORT)).isEqualTo(9999);
        assertThat(config.integer(Setting.HTTP_MAX_ROUTES)).isEqualTo(300);
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void ignoresSectionsOfLaterFeaturesWithoutWarning() throws IOException {
        VigilConfig config = load("""
                metrics.port: 9999
                events:
                  checkout.completed: { http: "POST /checkout", status: 2xx }
                alerts:
                  - name: CheckoutSuccessRateLow
                slos: []
                """);

        assertThat(config.integer(Setting.METRICS_PORT)).isEqualTo(9999);
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void aSyntaxErrorNamesFileLineAndColumnAndTheFileIsIgnored() throws IOException {
        Path file = yaml("""
                metrics:
                  port: 1111
                http.max-routes: 300
                jdbc: enabled: false
                """);

        VigilConfig config = VigilConfig.load(Map.of("vigil.config", file.toString()), Map.of("VIGIL_LOG_LEVEL", "warn"));

        assertThat(config.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.message()).isEqualTo("vigil.config: YAML syntax error in " + file
                    + " line 4 column 14: mapping values are not allowed here;"
                    + " the whole file is ignored, using system properties, environment and defaults only");
        });
        assertThat(config.integer(Setting.METRICS_PORT)).as("nothing from the broken file").isEqualTo(9464);
        assertThat(config.integer(Setting.HTTP_MAX_ROUTES)).isEqualTo(500);
        assertThat(config.string(Setting.LOG_LEVEL)).as("other sources still apply").isEqualTo("warn");
    }

    @Test
    void aBadPortInTheFileDisablesTheEndpointInsteadOfGuessing() throws IOException {
        Path file = yaml("""
                metrics:
                  host: 127.0.0.1
                  port: abc
                """);

        VigilConfig config = VigilConfig.load(Map.of("vigil.config", file.toString()), Map.of());

        assertThat(config.metricsEndpointEnabled()).isFalse();
        assertThat(config.problems()).singleElement().isEqualTo(ConfigProblem.error(
                "vigil.metrics.port: expected a port number 1-65535, got 'abc' (" + file + " line 3);"
                        + " treating vigil.metrics.enabled as false rather than guessing"));
    }

    @Test
    void aPortOutOfRangeFromAnySourceDisablesTheEndpoint() {
        assertThat(VigilConfig.load(Map.of("vigil.metrics.port", "70000"), Map.of()).problems())
                .extracting(ConfigProblem::message).singleElement().asString()
                .startsWith("vigil.metrics.port: expected a port number 1-65535, got '70000'"
                        + " (system property -Dvigil.metrics.port)");
        VigilConfig fromEnv = VigilConfig.load(Map.of(), Map.of("VIGIL_METRICS_PORT", "0"));
        assertThat(fromEnv.metricsEndpointEnabled()).isFalse();
        assertThat(fromEnv.problems()).extracting(ConfigProblem::message).singleElement().asString()
                .contains("got '0' (environment VIGIL_METRICS_PORT)");
    }

    @Test
    void aBadHostDisablesTheEndpoint() {
        VigilConfig config = VigilConfig.load(Map.of("vigil.metrics.host", "local host"), Map.of());

        assertThat(config.metricsEndpointEnabled()).isFalse();
        assertThat(config.problems()).extracting(ConfigProblem::message).containsExactly(
                "vigil.metrics.host: expected a host name or IP address, got 'local host'"
                        + " (system property -Dvigil.metrics.host); treating vigil.metrics.enabled as false rather than guessing");
    }

    @Test
    void acceptsIpv6Hosts() {
        assertThat(VigilConfig.load(Map.of("vigil.metrics.host", "::"), Map.of()).metricsEndpointEnabled()).isTrue();
        assertThat(VigilConfig.load(Map.of("vigil.metrics.host", "[::1]"), Map.of()).metricsEndpointEnabled()).isTrue();
    }

    @Test
    void theEndpointIsOffWhenSwitchedOffOrWhenTheAgentIs() {
        assertThat(VigilConfig.load(Map.of("vigil.metrics.enabled", "false"), Map.of()).metricsEndpointEnabled()).isFalse();
        assertThat(VigilConfig.load(Map.of(), Map.of("VIGIL_ENABLED", "FALSE")).metricsEndpointEnabled()).isFalse();
    }

    @Test
    void aBadIntegerFallsBackToTheDefaultAndSaysSo() {
        VigilConfig config = VigilConfig.load(Map.of(), Map.of("VIGIL_HTTP_MAX_ROUTES", "lots"));

        assertThat(config.integer(Setting.HTTP_MAX_ROUTES)).isEqualTo(500);
        assertThat(config.metricsEndpointEnabled()).isTrue();
        assertThat(config.problems()).containsExactly(ConfigProblem.error(
                "vigil.http.max-routes: expected an integer 1-100000, got 'lots' (environment VIGIL_HTTP_MAX_ROUTES);"
                        + " using the default 500"));
    }

    @Test
    void otherBadValuesFallBackToTheirDefaults() throws IOException {
        Path file = yaml("""
                jdbc.max-collections: 0
                jvm-metrics.enabled: yes
                log:
                  level: verbose
                http:
                  max-routes: [1, 2]
                """);

        VigilConfig config = VigilConfig.load(Map.of("vigil.config", file.toString()), Map.of());

        assertThat(config.integer(Setting.JDBC_MAX_COLLECTIONS)).isEqualTo(200);
        assertThat(config.bool(Setting.JVM_METRICS_ENABLED)).isTrue();
        assertThat(config.string(Setting.LOG_LEVEL)).isEqualTo("info");
        assertThat(config.problems()).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "vigil.jdbc.max-collections: expected an integer 1-100000, got '0' (" + file + " line 1); using the default 200",
                "vigil.jvm-metrics.enabled: expected true or false, got 'yes' (" + file + " line 2); using the default true",
                "vigil.log.level: expected one of error, warn, info, debug, got 'verbose' (" + file + " line 4);"
                        + " using the default info",
                "vigil.http.max-routes: expected an integer 1-100000, got a list (" + file + " line 6); using the default 500");
    }

    @Test
    void unknownKeysAreWarnedAboutWithASuggestion() throws IOException {
        Path file = yaml("""
                metrics:
                  prot: 9999
                """);

        VigilConfig config = VigilConfig.load(
                Map.of("vigil.config", file.toString(), "vigil.metrics.prot", "1", "vigil.colour", "blue"),
                Map.of("VIGIL_METRICS_PROT", "1", "PATH", "/usr/bin"));

        assertThat(config.problems()).allSatisfy(p -> assertThat(p.severity()).isEqualTo(Severity.WARN));
        assertThat(config.problems()).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "unknown key vigil.metrics.prot (" + file + " line 2) is ignored; did you mean vigil.metrics.port?",
                "unknown key vigil.metrics.prot (system property -Dvigil.metrics.prot) is ignored;"
                        + " did you mean vigil.metrics.port?",
                "unknown key vigil.colour (system property -Dvigil.colour) is ignored",
                "unknown key VIGIL_METRICS_PROT (environment) is ignored; did you mean VIGIL_METRICS_PORT?");
        assertThat(config.integer(Setting.METRICS_PORT)).isEqualTo(9464);
    }

    @Test
    void aMisspeltSectionIsReportedOnce() throws IOException {
        Path file = yaml("""
                metrcs:
                  port: 9999
                  host: localhost
                """);

        VigilConfig config = VigilConfig.load(Map.of("vigil.config", file.toString()), Map.of());

        assertThat(config.problems()).extracting(ConfigProblem::message).containsExactly(
                "unknown key vigil.metrcs (" + file + " line 1) is ignored; did you mean vigil.metrics?");
    }

    @Test
    void aValueWhereASectionBelongsIsReported() throws IOException {
        Path file = yaml("metrics: false\n");

        VigilConfig config = VigilConfig.load(Map.of("vigil.config", file.toString()), Map.of());

        assertThat(config.problems()).extracting(ConfigProblem::message).containsExactly(
                "vigil.metrics (" + file + " line 1) is a section, not a value, and is ignored;"
                        + " its keys are vigil.metrics.enabled, vigil.metrics.host, vigil.metrics.port,"
                        + " vigil.metrics.token, vigil.metrics.basic-auth, vigil.metrics.max-series, vigil.metrics.exporter");
    }

    @Test
    void aKeySetTwiceInTheFileIsWarnedAboutAndTheLastWins() throws IOException {
        Path file = yaml("""
                metrics.port: 1111
                metrics:
                  port: 2222
                """);

        VigilConfig config = VigilConfig.load(Map.of("vigil.config", file.toString()), Map.of());

        assertThat(config.integer(Setting.METRICS_PORT)).isEqualTo(2222);
        assertThat(config.problems()).extracting(ConfigProblem::message).containsExactly(
                "vigil.metrics.port is set twice (" + file + " line 1, " + file + " line 3); the last one wins");
    }

    @Test
    void theFileCannotNameAnotherFile() throws IOException {
        Path file = yaml("config: other.yaml\n");

        VigilConfig config = VigilConfig.load(Map.of("vigil.config", file.toString()), Map.of());

        assertThat(config.string(Setting.CONFIG)).isEqualTo(file.toString());
        assertThat(config.problems()).extracting(ConfigProblem::message).containsExactly(
                "vigil.config (" + file + " line 1) is ignored: the file to read can only be named by"
                        + " -Dvigil.config or VIGIL_CONFIG");
    }

    @Test
    void aMissingFileIsOneProblemAndTheDefaultsApply() {
        Path missing = dir.resolve("nope.yaml");

        VigilConfig config = VigilConfig.load(Map.of("vigil.config", missing.toString()), Map.of());

        assertThat(config.problems()).containsExactly(ConfigProblem.error(
                "vigil.config: cannot read " + missing + " (no such file; named by system property -Dvigil.config);"
                        + " using system properties, environment and defaults only"));
        assertThat(config.integer(Setting.METRICS_PORT)).isEqualTo(9464);
        assertThat(config.metricsEndpointEnabled()).isTrue();
    }

    @Test
    void anUnreadableFileIsOneProblem() {
        VigilConfig config = VigilConfig.load(Map.of(), Map.of("VIGIL_CONFIG", dir.toString()));

        assertThat(config.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.message()).startsWith("vigil.config: cannot read " + dir).contains("the whole file is ignored");
        });
    }

    @Test
    void anEmptyFileSetsNothing() throws IOException {
        VigilConfig config = load("# nothing yet\n");

        assertThat(config.integer(Setting.METRICS_PORT)).isEqualTo(9464);
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void neverEchoesALongValue() {
        String longValue = "x".repeat(60);

        VigilConfig config = VigilConfig.load(Map.of("vigil.http.max-routes", longValue), Map.of());

        assertThat(config.problems()).extracting(ConfigProblem::message).containsExactly(
                "vigil.http.max-routes: expected an integer 1-100000, got a value of 60 characters (too long to show)"
                        + " (system property -Dvigil.http.max-routes); using the default 500");
    }

    @Test
    void echoesAValueOfFortyCharacters() {
        String value = "y".repeat(40);

        VigilConfig config = VigilConfig.load(Map.of("vigil.http.max-routes", value), Map.of());

        assertThat(config.problems().get(0).message()).contains("got '" + value + "'");
    }

    @Test
    void neverEchoesTheValueOfAKeyThatMayHoldASecret() {
        assertThat(RawValue.of("hunter2", "environment VIGIL_OTLP_TOKEN").shownFor("vigil.otlp.token"))
                .doesNotContain("hunter2").contains("not shown");
        assertThat(RawValue.of("hunter2", "x").shownFor("vigil.db.Password")).doesNotContain("hunter2");
        assertThat(RawValue.of("hunter2", "x").shownFor("vigil.client-secret")).doesNotContain("hunter2");

        VigilConfig config = VigilConfig.load(Map.of("vigil.db.password", "hunter2"), Map.of("VIGIL_API_TOKEN", "s3cr3t"));
        assertThat(config.problems()).hasSize(2).allSatisfy(p ->
                assertThat(p.message()).doesNotContain("hunter2").doesNotContain("s3cr3t"));
    }

    @Test
    void controlCharactersAreNotEchoed() {
        VigilConfig config = VigilConfig.load(Map.of("vigil.log.level", "info\nERROR fake"), Map.of());

        assertThat(config.problems().get(0).message()).contains("got 'info?ERROR fake'").doesNotContain("\n");
    }

    @Test
    void askingForTheWrongTypeIsAProgrammingError() {
        VigilConfig config = VigilConfig.load(Map.of(), Map.of());

        assertThatThrownBy(() -> config.integer(Setting.METRICS_HOST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vigil.metrics.host");
        assertThat(config.string(Setting.METRICS_PORT)).isEqualTo("9464");
    }

    @Test
    void problemsCannotBeChangedByTheCaller() {
        List<ConfigProblem> problems = VigilConfig.load(Map.of("vigil.x", "1"), Map.of()).problems();

        assertThatThrownBy(problems::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fromSystemReadsThisJvm() {
        assertThat(VigilConfig.fromSystem().serviceName()).isNotBlank();
    }

    private VigilConfig load(String yamlText) throws IOException {
        return VigilConfig.load(Map.of("vigil.config", yaml(yamlText).toString()), Map.of());
    }

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("vigil.yaml"), text);
    }
}
