package dev.vigil.agent.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of {@code slos:}: an availability objective over a window, for a route (5xx are the bad
 * requests) or for business events (the good ones out of the total).
 *
 * @param sli {@link Signal.RouteErrorRatio} or {@link Signal.EventRatio}
 * @param objectivePercent {@code 99.9} for {@code objective: 99.9%}
 * @param minTraffic requests (or events) each alert's long window must hold; 0 turns the guard off
 */
record SloSpec(
        String name,
        int line,
        Signal sli,
        BigDecimal objectivePercent,
        PromDuration window,
        long minTraffic,
        String runbookUrl,
        Map<String, String> labels,
        String service) {

    SloSpec {
        labels = Map.copyOf(labels);
    }

    SloSpec withObjective(BigDecimal newObjectivePercent) {
        return new SloSpec(name, line, sli, newObjectivePercent, window, minTraffic, runbookUrl, labels, service);
    }

    /** The share of requests allowed to fail: 0.001 for 99.9%. */
    BigDecimal errorBudget() {
        return BigDecimal.valueOf(100).subtract(objectivePercent).divide(BigDecimal.valueOf(100), 12, RoundingMode.UNNECESSARY)
                .stripTrailingZeros();
    }

    /** {@code checkout-availability} becomes {@code CheckoutAvailability}, the stem of its alert names. */
    String camelName() {
        StringBuilder camel = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                camel.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return camel.toString();
    }

    String burnAlertName() {
        return camelName() + "ErrorBudgetBurn";
    }

    String noDataName() {
        return camelName() + "NoData";
    }

    String objectiveText() {
        return objectivePercent.stripTrailingZeros().toPlainString() + "%";
    }
}
