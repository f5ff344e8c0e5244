package dev.vigil.agent.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.metrics.AgentErrors;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmFeatureTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FeatureContext context = new FeatureContext(VigilConfig.load(Map.of(), Map.of()), registry,
            new AgentErrors(registry));

    @Test
    void theBindersWaitForTheDeferredWorkOfTheApplicationBeingUp() {
        JvmFeature feature = new JvmFeature();
        feature.start(context);
        feature.startLater(context);

        assertThat(registry.find("jvm.memory.used").gauges()).as("bound during the application's start").isEmpty();

        context.deferred().runPending();

        assertThat(registry.find("jvm.memory.used").gauges()).isNotEmpty();
        assertThat(registry.find("jvm.threads.live").gauge()).isNotNull();
        assertThat(registry.find("process.uptime").timeGauge()).isNotNull();
    }
}
