package dev.vigil.agent.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PushChoiceTest {
    @Test
    void autoPushesOnlyWhenTheStandardVariableNamesOtlp() {
        assertThat(PushChoice.otlp("auto", Map.of(), Map.of())).isFalse();
        assertThat(PushChoice.otlp("auto", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"), Map.of())).isFalse();
        assertThat(PushChoice.otlp("auto", Map.of("OTEL_METRICS_EXPORTER", "otlp"), Map.of())).isTrue();
        assertThat(PushChoice.otlp("auto", Map.of("OTEL_METRICS_EXPORTER", "prometheus, OTLP"), Map.of())).isTrue();
        assertThat(PushChoice.otlp("auto", Map.of("OTEL_METRICS_EXPORTER", "none"), Map.of())).isFalse();
        assertThat(PushChoice.otlp("auto", Map.of("OTEL_METRICS_EXPORTER", "otlp"), Map.of("otel.metrics.exporter", "none"))).isFalse();
    }

    @Test
    void theSettingDecidesWhenGiven() {
        assertThat(PushChoice.otlp("otlp", Map.of(), Map.of())).isTrue();
        assertThat(PushChoice.otlp("none", Map.of("OTEL_METRICS_EXPORTER", "otlp"), Map.of())).isFalse();
    }

    @Test
    void onlyHttpProtobufIsCarriedAndGrpcSaysWhatToSetInstead() {
        assertThat(PushChoice.unsupportedProtocol(Map.of(), Map.of())).isNull();
        assertThat(PushChoice.unsupportedProtocol(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
                Map.of())).isNull();
        assertThat(PushChoice.unsupportedProtocol(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"), Map.of()))
                .contains("'grpc'").contains("expected http/protobuf").contains("4318");
        assertThat(PushChoice.unsupportedProtocol(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
                Map.of("otel.exporter.otlp.metrics.protocol", "grpc"))).as("the metrics-only key wins").isNotNull();
    }
}
