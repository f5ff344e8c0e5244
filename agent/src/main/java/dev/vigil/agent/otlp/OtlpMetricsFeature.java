package dev.vigil.agent.otlp;

import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.log.AgentLog;
import java.util.HashMap;
import java.util.Map;

/**
 * Every metric of the registry pushed by OTLP, for platforms whose metrics go through an OpenTelemetry
 * Collector rather than a Prometheus scrape. Off unless asked for ({@link PushChoice}); off, it loads none of
 * its classes and costs nothing: the push reads the registry at export time, never on a request.
 */
public final class OtlpMetricsFeature implements Feature {
    private volatile OtlpMetricsPush push;
    private boolean requested;

    @Override
    public String name() {
        return "otlp-metrics";
    }

    @Override
    public void start(FeatureContext context) {
        requested = PushChoice.otlp(context.config().string(Setting.METRICS_EXPORTER), System.getenv(), systemProperties());
    }

    @Override
    public void startLater(FeatureContext context) {
        if (!requested) {
            return;
        }
        try {
            push = OtlpMetricsPush.start(context.config(), context.registry(), systemProperties(),
                    context.deferred()::runPending);
            AgentLog.info("metrics pushed by OTLP to " + push.target() + " every " + push.intervalMillis() + " ms, "
                    + push.temporality() + " temporality");
        } catch (Throwable t) {
            AgentLog.error("vigil.metrics.exporter=otlp: the OTLP metrics push could not start (" + t.getClass().getSimpleName()
                    + ": " + t.getMessage() + "); check the OTEL_EXPORTER_OTLP_* settings. /metrics is unaffected");
        }
    }

    @Override
    public void stop() {
        OtlpMetricsPush running = push;
        if (running != null) {
            running.stop();
        }
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        return properties;
    }
}
