package dev.vigil.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.metrics.AgentErrors;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpServerFeatureTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FeatureContext context = new FeatureContext(VigilConfig.load(Map.of(), Map.of()), registry,
            new AgentErrors(registry));
    private final HttpServerFeature feature = new HttpServerFeature();

    @AfterEach
    void stop() {
        feature.stop();
    }

    @Test
    void theApplicationIsUpOnceItsFirstRequestHasEndedNotWhenItStarts() {
        feature.start(context);
        HttpServerRecorder recorder = (HttpServerRecorder) context.find(ServerRequests.class);

        Object first = recorder.start("GET", "/ready");
        assertThat(context.deferred().isUp()).as("while the first request runs").isFalse();

        recorder.end(first, null, 200, null);
        assertThat(context.deferred().isUp()).isTrue();
    }
}
