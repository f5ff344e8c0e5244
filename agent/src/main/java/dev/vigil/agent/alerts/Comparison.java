package dev.vigil.agent.alerts;

/** Which side of the threshold fires: the PromQL operator and Grafana's threshold evaluator for it. */
enum Comparison {
    BELOW("below", "<", "lt"),
    ABOVE("above", ">", "gt");

    final String key;
    final String promQl;
    final String grafanaEvaluator;

    Comparison(String key, String promQl, String grafanaEvaluator) {
        this.key = key;
        this.promQl = promQl;
        this.grafanaEvaluator = grafanaEvaluator;
    }
}
