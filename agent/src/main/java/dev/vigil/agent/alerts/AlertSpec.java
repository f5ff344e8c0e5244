package dev.vigil.agent.alerts;

import java.util.Map;

/**
 * One entry of {@code alerts:}, checked and with its defaults applied.
 *
 * @param thresholdText the threshold as people read it in the alert's text: {@code 95%}, {@code 500ms}, {@code 1 per minute}
 * @param minTraffic events (or requests) the window must hold before the alert may fire; 0 turns the guard off
 * @param pending Prometheus' {@code for:}
 * @param service the {@code service_name} every selector is restricted to, or null for every service
 */
record AlertSpec(
        String name,
        int line,
        Signal signal,
        Comparison comparison,
        double threshold,
        String thresholdText,
        long minTraffic,
        PromDuration over,
        PromDuration pending,
        String severity,
        String noDataSeverity,
        String runbookUrl,
        Map<String, String> labels,
        String service) {

    AlertSpec {
        labels = Map.copyOf(labels);
    }

    /**
     * Whether a ...NoData alert comes with this one. Not for "rate above": no such event at all is the
     * healthy state (no declined payments), so its absence says nothing about a broken recording.
     */
    boolean hasNoDataCompanion() {
        return !(signal instanceof Signal.EventRate && comparison == Comparison.ABOVE);
    }

    String noDataName() {
        return name + "NoData";
    }

    AlertSpec withThreshold(double newThreshold, String newText) {
        return new AlertSpec(name, line, signal, comparison, newThreshold, newText, minTraffic, over, pending,
                severity, noDataSeverity, runbookUrl, labels, service);
    }

    AlertSpec withMinTraffic(long newMinTraffic) {
        return new AlertSpec(name, line, signal, comparison, threshold, thresholdText, newMinTraffic, over, pending,
                severity, noDataSeverity, runbookUrl, labels, service);
    }
}
