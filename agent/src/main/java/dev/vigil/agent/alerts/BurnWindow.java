package dev.vigil.agent.alerts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Stream;

/**
 * One window pair of the multiwindow, multi-burn-rate alerts of the Google SRE workbook ("Alerting on
 * SLOs", recommendation 6): fire when the error budget burns {@code factor} times faster than the SLO
 * window allows, over both the long and the short window.
 *
 * <p>The workbook gives its factors (14.4, 6, 3, 1) with windows for a 30-day SLO. For another SLO
 * window the factors stay and the windows scale with it (as Pyrra does): a 7-day SLO pages at 14.4x
 * over 14m. Scaling the factors instead would put thresholds under 1x, which page on a service that
 * meets its objective. Windows never go below {@link #MIN_SHORT} and {@link #MIN_LONG}, so that every
 * rate holds several scrapes; a short SLO window then waits for a little more of its budget.
 *
 * @param pending {@code for:}, as the Kubernetes mixin uses for the same pairs, so one bad scrape does not page
 */
record BurnWindow(BigDecimal factor, PromDuration longWindow, PromDuration shortWindow, String severity,
        PromDuration pending) {

    static final String PAGE = "page";
    static final String TICKET = "ticket";
    /** The SLO window the workbook's windows are written for. */
    static final PromDuration WORKBOOK_SLO_WINDOW = PromDuration.days(30);
    static final PromDuration MIN_SHORT = PromDuration.minutes(5);
    static final PromDuration MIN_LONG = PromDuration.minutes(10);
    static final PromDuration MIN_PENDING = PromDuration.minutes(1);

    static final List<BurnWindow> WORKBOOK = List.of(
            new BurnWindow(new BigDecimal("14.4"), PromDuration.hours(1), PromDuration.minutes(5), PAGE, PromDuration.minutes(2)),
            new BurnWindow(new BigDecimal("6"), PromDuration.hours(6), PromDuration.minutes(30), PAGE, PromDuration.minutes(15)),
            new BurnWindow(new BigDecimal("3"), PromDuration.days(1), PromDuration.hours(2), TICKET, PromDuration.hours(1)),
            new BurnWindow(new BigDecimal("1"), PromDuration.days(3), PromDuration.hours(6), TICKET, PromDuration.hours(3)));

    /** The workbook's four pairs with their windows scaled to {@code sloWindow}; the factors unchanged. */
    static List<BurnWindow> forSloWindow(PromDuration sloWindow) {
        return WORKBOOK.stream().map(w -> w.scaledTo(sloWindow)).toList();
    }

    /** Every window a recording rule is needed for, shortest first. */
    static List<PromDuration> allWindows(List<BurnWindow> pairs) {
        return pairs.stream().flatMap(w -> Stream.of(w.shortWindow, w.longWindow)).distinct().sorted().toList();
    }

    private BurnWindow scaledTo(PromDuration sloWindow) {
        PromDuration scaledLong = atLeast(scale(longWindow, sloWindow), MIN_LONG);
        PromDuration scaledShort = atLeast(wholeMinutes(scaledLong.seconds() / 12.0), MIN_SHORT);
        return new BurnWindow(factor, scaledLong, scaledShort, severity, atLeast(scale(pending, sloWindow), MIN_PENDING));
    }

    /** The share of the whole budget this pair lets burn in its long window before it fires: 2% for 14.4x over 1h of 30d. */
    BigDecimal budgetShare(PromDuration sloWindow) {
        return factor.multiply(BigDecimal.valueOf(longWindow.seconds()))
                .divide(BigDecimal.valueOf(sloWindow.seconds()), new MathContext(3, RoundingMode.HALF_EVEN));
    }

    /** How long the whole budget lasts at this pair's burn rate: 2d2h for 14.4x of 30d. */
    PromDuration budgetLasts(PromDuration sloWindow) {
        long seconds = BigDecimal.valueOf(sloWindow.seconds()).divide(factor, 0, RoundingMode.HALF_UP).longValue();
        return new PromDuration(seconds / 60 * 60);
    }

    private static PromDuration scale(PromDuration d, PromDuration sloWindow) {
        return wholeMinutes((double) d.seconds() * sloWindow.seconds() / WORKBOOK_SLO_WINDOW.seconds());
    }

    private static PromDuration wholeMinutes(double seconds) {
        return PromDuration.minutes(Math.round(seconds / 60));
    }

    private static PromDuration atLeast(PromDuration d, PromDuration min) {
        return d.compareTo(min) < 0 ? min : d;
    }
}
