package dev.vigil.agent.alerts;

import java.util.Map;

/** A Prometheus recording rule: {@code record}, {@code expr}, static {@code labels}. */
record RecordingRule(String record, String expr, Map<String, String> labels) {
    RecordingRule {
        labels = Map.copyOf(labels);
    }
}
