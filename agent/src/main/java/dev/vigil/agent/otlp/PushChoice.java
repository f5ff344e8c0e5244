package dev.vigil.agent.otlp;

import java.util.Locale;
import java.util.Map;

/**
 * Whether metrics are pushed by OTLP. {@code vigil.metrics.exporter=auto} follows the standard
 * {@code OTEL_METRICS_EXPORTER} (or {@code -Dotel.metrics.exporter}), a comma-separated list: the push starts
 * when it names {@code otlp}. An OTLP endpoint alone does not start it: that variable is also how traces are
 * sent, and a team that scrapes {@code /metrics} should not find its metrics twice in its backend.
 */
final class PushChoice {
    private PushChoice() {
    }

    static boolean otlp(String setting, Map<String, String> environment, Map<String, String> systemProperties) {
        if (!"auto".equals(setting)) {
            return "otlp".equals(setting);
        }
        String named = systemProperties.get("otel.metrics.exporter");
        if (named == null || named.isBlank()) {
            named = environment.get("OTEL_METRICS_EXPORTER");
        }
        if (named == null) {
            return false;
        }
        for (String each : named.split(",")) {
            if (each.strip().toLowerCase(Locale.ROOT).equals("otlp")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the push cannot go the way the standard settings ask, or null. Only OTLP over HTTP (protobuf) is
     * carried: a gRPC sender would add an HTTP/2 client library to the agent's jar.
     */
    static String unsupportedProtocol(Map<String, String> environment, Map<String, String> systemProperties) {
        String protocol = first(systemProperties.get("otel.exporter.otlp.metrics.protocol"),
                environment.get("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL"),
                systemProperties.get("otel.exporter.otlp.protocol"), environment.get("OTEL_EXPORTER_OTLP_PROTOCOL"));
        if (protocol == null || protocol.strip().equalsIgnoreCase("http/protobuf")) {
            return null;
        }
        return "OTLP protocol '" + protocol.strip() + "' is not supported for metrics: expected http/protobuf (set"
                + " OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf and the Collector's HTTP port, 4318)";
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
