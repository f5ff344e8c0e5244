package dev.vigil.agent.alerts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Stream;

/**
 * One window pair of the multiwindow, multi-burn-rate alerts of the Google SRE workbook ("Alerting on
 * SLOs", recommendation 6). The workbook states its factors (14.4, 6, 3, 1) for a 30-day SLO; what they
 * encode is the share of the whole error budget spent within the long window (2%, 5%, 10%, 10%), so for
 * any SLO window the factor is {@code budgetShare × sloWindow / longWindow}: the same alert for the same
 * share of budget. The short window (1/12 of the long one) makes the alert stop soon after the errors do.
 *
 * @param pending {@code for:}, as the Kubernetes mixin uses for the same pairs, so one bad scrape does not page
 */
record BurnWindow(PromDuration longWindow, PromDuration shortWindow, BigDecimal budgetShare, String severity,
        PromDuration pending) {

    static final String PAGE = "page";
    static final String TICKET = "ticket";

    static final List<BurnWindow> WORKBOOK = List.of(
            new BurnWindow(PromDuration.hours(1), PromDuration.minutes(5), new BigDecimal("0.02"), PAGE, PromDuration.minutes(2)),
            new BurnWindow(PromDuration.hours(6), PromDuration.minutes(30), new BigDecimal("0.05"), PAGE, PromDuration.minutes(15)),
            new BurnWindow(PromDuration.days(1), PromDuration.hours(2), new BigDecimal("0.10"), TICKET, PromDuration.hours(1)),
            new BurnWindow(PromDuration.days(3), PromDuration.hours(6), new BigDecimal("0.10"), TICKET, PromDuration.hours(3)));

    /** Every window a recording rule is needed for, shortest first. */
    static List<PromDuration> allWindows() {
        return WORKBOOK.stream().flatMap(w -> Stream.of(w.shortWindow, w.longWindow))
                .distinct().sorted().toList();
    }

    /** The burn rate that fires this pair: 14.4 for the 1h pair of a 30d SLO; 4 significant digits. */
    BigDecimal factor(PromDuration sloWindow) {
        return budgetShare.multiply(BigDecimal.valueOf(sloWindow.seconds()))
                .divide(BigDecimal.valueOf(longWindow.seconds()), new MathContext(4, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
    }
}
