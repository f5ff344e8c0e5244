package dev.vigil.agent.otlp;

import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.resources.Resource;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The push itself: an OpenTelemetry SDK of its own, configured by the standard {@code OTEL_*} settings (endpoint,
 * headers, timeout, compression, certificates, {@code OTEL_METRIC_EXPORT_INTERVAL}, the temporality preference,
 * the resource), whose only source of metrics is {@link RegistryProducer}. The SDK and its OTLP exporter are the
 * ones the agent already carries for traces: the push adds no library to the jar.
 */
final class OtlpMetricsPush {
    private final OpenTelemetrySdk sdk;
    private final ConfigProperties properties;

    private OtlpMetricsPush(OpenTelemetrySdk sdk, ConfigProperties properties) {
        this.sdk = sdk;
        this.properties = properties;
    }

    static OtlpMetricsPush start(VigilConfig config, MeterRegistry registry, Map<String, String> systemProperties,
                                 Runnable beforeExport) {
        String unsupported = PushChoice.unsupportedProtocol(System.getenv(), systemProperties);
        if (unsupported != null) {
            throw new IllegalArgumentException(unsupported);
        }
        Counter failures = Counter.builder(MetricNames.METRICS_EXPORT_FAILURES)
                .description("OTLP metric exports that failed (collector down, refused or too slow); each is retried"
                        + " with fresh values at the next interval")
                .register(registry);
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        Map<String, String> forced = new HashMap<>();
        // This SDK sends metrics only; traces have their own (the traces feature), logs stay with the application.
        forced.put("otel.metrics.exporter", "otlp");
        forced.put("otel.traces.exporter", "none");
        forced.put("otel.logs.exporter", "none");
        ConfigProperties[] seen = new ConfigProperties[1];
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .setServiceClassLoader(OtlpMetricsPush.class.getClassLoader())
                .addPropertiesSupplier(() -> defaults)
                .addPropertiesCustomizer(properties -> forced)
                .addResourceCustomizer((resource, properties) -> resource.merge(service(config)))
                .addMetricExporterCustomizer((exporter, properties) -> new DeliveryWatch(exporter, failures))
                .addMeterProviderCustomizer((builder, properties) -> {
                    seen[0] = properties;
                    return builder.registerMetricProducer(new RegistryProducer(registry, temporality(properties), beforeExport));
                })
                .build()
                .getOpenTelemetrySdk();
        return new OtlpMetricsPush(sdk, seen[0]);
    }

    /** The service as {@code /metrics} names it ({@code service_name}, {@code vigil_agent_info}), so both agree. */
    private static Resource service(VigilConfig config) {
        AttributesBuilder attributes = Attributes.builder()
                .put("service.name", config.serviceName())
                .put("service.instance.id", config.serviceInstanceId());
        if (!config.serviceVersion().isEmpty()) {
            attributes.put("service.version", config.serviceVersion());
        }
        return Resource.create(attributes.build());
    }

    /** {@code OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE}, as the OTLP exporter reads it. */
    static AggregationTemporalitySelector temporality(ConfigProperties properties) {
        String preference = properties.getString("otel.exporter.otlp.metrics.temporality.preference", "cumulative");
        switch (preference.toLowerCase(Locale.ROOT)) {
            case "delta":
                return AggregationTemporalitySelector.deltaPreferred();
            case "lowmemory":
                return AggregationTemporalitySelector.lowMemory();
            default:
                return AggregationTemporalitySelector.alwaysCumulative();
        }
    }

    /** Scheme, host and port of the collector: enough to recognise it, never a path, query or credentials. */
    String target() {
        String endpoint = properties == null ? null : properties.getString("otel.exporter.otlp.metrics.endpoint",
                properties.getString("otel.exporter.otlp.endpoint", "http://localhost:4318"));
        try {
            URI uri = URI.create(endpoint);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (RuntimeException e) {
            return "the configured endpoint";
        }
    }

    long intervalMillis() {
        Duration interval = properties == null ? null : properties.getDuration("otel.metric.export.interval");
        return interval == null ? 60_000 : interval.toMillis();
    }

    String temporality() {
        return properties == null ? "cumulative"
                : properties.getString("otel.exporter.otlp.metrics.temporality.preference", "cumulative").toLowerCase(Locale.ROOT);
    }

    void stop() {
        sdk.getSdkMeterProvider().shutdown().join(5, TimeUnit.SECONDS);
    }
}
