package dev.vigil.agent.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.yaml.DidYouMean;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void derivesSystemPropertyAndEnvironmentNamesFromTheKey() {
        assertThat(Setting.METRICS_PORT.key()).isEqualTo("vigil.metrics.port");
        assertThat(Setting.METRICS_PORT.envName()).isEqualTo("VIGIL_METRICS_PORT");
        assertThat(Setting.HTTP_MAX_ROUTES.envName()).isEqualTo("VIGIL_HTTP_MAX_ROUTES");
        assertThat(Setting.JVM_METRICS_ENABLED.envName()).isEqualTo("VIGIL_JVM_METRICS_ENABLED");
        assertThat(Setting.byEnvName("VIGIL_CONFIG")).contains(Setting.CONFIG);
        assertThat(Setting.byKey("vigil.log.level")).contains(Setting.LOG_LEVEL);
    }

    @Test
    void everyKeyAndEnvironmentNameIsUniqueAndEveryKeyIsDescribedOnOneLine() {
        // Two keys such as http.max-routes and http.max.routes would share one environment variable.
        assertThat(Arrays.stream(Setting.values()).map(Setting::envName)).doesNotHaveDuplicates();
        assertThat(Setting.values()).allSatisfy(s -> assertThat(s.description()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void everyDefaultIsAValidValueOfItsType() {
        // Setting's constructor already refuses an invalid default; this shows the parsed defaults.
        assertThat(Setting.METRICS_PORT.defaultValue()).isEqualTo(9464);
        assertThat(Setting.ENABLED.defaultValue()).isEqualTo(true);
        assertThat(Setting.values()).allSatisfy(s ->
                assertThat(s.defaultValue()).isInstanceOf(s.type().javaType()));
    }

    @Test
    void keysThatMayHoldSecretsAreRecognisedByName() {
        assertThat(Setting.mayHoldSecret("otlp.headers.token")).isTrue();
        assertThat(Setting.mayHoldSecret("db.PASSWORD")).isTrue();
        assertThat(Setting.values()).filteredOn(Setting::secret)
                .containsExactly(Setting.METRICS_TOKEN, Setting.METRICS_BASIC_AUTH);
    }

    @Test
    void suggestsKeysWithinThreeEdits() {
        assertThat(DidYouMean.distance("prot", "port")).isEqualTo(1);
        assertThat(DidYouMean.closest("vigil.http.max-route", java.util.List.of("vigil.http.max-routes", "vigil.log.level")))
                .contains("vigil.http.max-routes");
        assertThat(DidYouMean.closest("vigil.banana", java.util.List.of("vigil.enabled"))).isEmpty();
    }
}
