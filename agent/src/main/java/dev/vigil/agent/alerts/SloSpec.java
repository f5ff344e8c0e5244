package dev.vigil.agent.alerts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of {@code slos:}: an availability objective over a window, for a route (5xx are the bad
 * requests), for a route's latency (requests slower than a bucket bound are the bad ones) or for
 * business events (the good ones out of the total).
 *
 * @param sli {@link Signal.RouteErrorRatio}, {@link Signal.RouteLatencyObjective} or {@link Signal.EventRatio}
 * @param objectivePercent {@code 99.9} for {@code objective: 99.9%}
 * @param minTraffic requests (or events) each alert's long window must hold; 0 turns the guard off
 * @param minBadEvents bad requests (or events) each alert's long window must hold, so that on a quiet
 *     service a single failure, which can be a large share of a few requests, never pages; 0 turns it off
 */
record SloSpec(
        String name,
        int line,
        Signal sli,
        BigDecimal objectivePercent,
        PromDuration window,
        long minTraffic,
        long minBadEvents,
        String runbookUrl,
        Map<String, String> labels,
        String service) {

    SloSpec {
        labels = Map.copyOf(labels);
    }

    SloSpec withObjective(BigDecimal newObjectivePercent) {
        return new SloSpec(name, line, sli, newObjectivePercent, window, minTraffic, minBadEvents, runbookUrl, labels, service);
    }

    SloSpec withGuards(long newMinTraffic, long newMinBadEvents) {
        return new SloSpec(name, line, sli, objectivePercent, window, newMinTraffic, newMinBadEvents, runbookUrl, labels, service);
    }

    SloSpec withWindow(PromDuration newWindow) {
        return new SloSpec(name, line, sli, objectivePercent, newWindow, minTraffic, minBadEvents, runbookUrl, labels, service);
    }

    /** The share of requests allowed to fail: 0.001 for 99.9% (exact: moving the point never rounds). */
    BigDecimal errorBudget() {
        return BigDecimal.valueOf(100).subtract(objectivePercent).movePointLeft(2).stripTrailingZeros();
    }

    /** The objective as a share: 0.999 for 99.9%. */
    BigDecimal objective() {
        return objectivePercent.movePointLeft(2).stripTrailingZeros();
    }

    /** The four burn-rate window pairs, scaled to this SLO's window. */
    List<BurnWindow> burnWindows() {
        return BurnWindow.forSloWindow(window);
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
