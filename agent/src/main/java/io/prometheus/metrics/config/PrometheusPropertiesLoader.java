package io.prometheus.metrics.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Replaces the Prometheus client's class of the same name in the agent jar (the build leaves the original out).
 * The original reads, besides the properties its caller passes, {@code prometheus.properties} from the class
 * path, the file {@code PROMETHEUS_CONFIG} names and the {@code IO_PROMETHEUS_*} environment variables: the
 * application's settings for its own Prometheus client. In the agent they would change the agent's series
 * (native-only histograms have none of the buckets the dashboards read), and a key this client version does not
 * know stopped the agent from starting. Reading them also cost the premain a look through the whole class path.
 * This one builds the properties from its caller's only (Micrometer's registry passes the agent's
 * {@code PrometheusConfig}), with the original's defaults for the rest. Same API.
 */
public final class PrometheusPropertiesLoader {
    /** The prefix of this client's keys (the build relocates the literal with the client's package). */
    private static final String PREFIX = "io.prometheus";

    private PrometheusPropertiesLoader() {
    }

    public static PrometheusProperties load() throws PrometheusPropertiesException {
        return load(new Properties());
    }

    public static PrometheusProperties load(Map<Object, Object> externalProperties) throws PrometheusPropertiesException {
        Map<Object, Object> normalized = new HashMap<>();
        externalProperties.forEach((key, value) -> normalized.put(normalize(key.toString()), value));
        // The source takes each key out as it is read: what is left was not understood.
        PropertySource source = new PropertySource(normalized);
        PrometheusProperties properties = new PrometheusProperties(MetricsProperties.load(PREFIX + ".metrics", source),
                new PrometheusProperties.MetricPropertiesMap(), ExemplarsProperties.load(source),
                ExporterProperties.load(source), ExporterFilterProperties.load(source),
                ExporterHttpServerProperties.load(source), ExporterPushgatewayProperties.load(source),
                ExporterOpenTelemetryProperties.load(source), OpenMetrics2Properties.load(source));
        for (String key : source.getRemainingKeys()) {
            if (key.startsWith(PREFIX)) {
                throw new PrometheusPropertiesException(key + ": Unknown property");
            }
        }
        return properties;
    }

    /** As the original: {@code exemplarsOnAllMetricTypes} is read as {@code exemplars_on_all_metric_types}, any case lower. */
    static String normalize(String key) {
        StringBuilder normalized = new StringBuilder(key.length() + 8);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (i > 0 && c >= 'A' && c <= 'Z' && key.charAt(i - 1) >= 'a' && key.charAt(i - 1) <= 'z') {
                normalized.append('_');
            }
            normalized.append(Character.toLowerCase(c));
        }
        return normalized.toString();
    }
}
