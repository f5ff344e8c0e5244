package dev.vigil.agent.alerts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The PromQL the rules are made of. Every expression aggregates across instances the only correct
 * way: counters are rated per series and then summed, histogram buckets are summed by {@code le} before
 * {@code histogram_quantile}. Results are kept apart by {@code job} and {@code service_name}.
 */
final class PromQl {
    static final String BY = AlertMetrics.JOB + ", " + AlertMetrics.SERVICE;
    static final String ON = "on (" + BY + ")";

    private PromQl() {
    }

    // ------------------------------------------------------------------ selectors

    /** The events' counters, one selector per outcome asked for (so {@code a} and {@code b (error)} are two). */
    static List<Selector> events(List<EventRef> refs, String service) {
        Map<String, List<String>> byOutcome = new LinkedHashMap<>();
        for (EventRef ref : refs) {
            byOutcome.computeIfAbsent(String.valueOf(ref.outcome()), o -> new ArrayList<>()).add(ref.event());
        }
        List<Selector> selectors = new ArrayList<>();
        byOutcome.forEach((outcome, names) -> {
            Selector s = Selector.of(AlertMetrics.EVENTS_TOTAL).oneOf(AlertMetrics.EVENT, names);
            if (!outcome.equals("null")) {
                s = s.eq(AlertMetrics.OUTCOME, outcome);
            }
            selectors.add(s.service(service));
        });
        return selectors;
    }

    /** Every counter of these events whatever the outcome: what {@code absent_over_time} looks for. */
    static Selector anyOutcome(List<EventRef> refs, String service) {
        List<String> names = refs.stream().map(EventRef::event).distinct().toList();
        return Selector.of(AlertMetrics.EVENTS_TOTAL).oneOf(AlertMetrics.EVENT, names).service(service);
    }

    static Selector routeRequests(Route route, String service) {
        return Selector.of(AlertMetrics.HTTP_COUNT)
                .eq(AlertMetrics.METHOD, route.method()).eq(AlertMetrics.ROUTE, route.template()).service(service);
    }

    /** 5xx answers; the agent counts an exception escaping the handler as 500, so those are in. */
    static Selector routeErrors(Route route, String service) {
        return Selector.of(AlertMetrics.HTTP_COUNT)
                .eq(AlertMetrics.METHOD, route.method()).eq(AlertMetrics.ROUTE, route.template())
                .regex(AlertMetrics.STATUS, "5..").service(service);
    }

    static Selector routeBuckets(Route route, String service) {
        return Selector.of(AlertMetrics.HTTP_BUCKET)
                .eq(AlertMetrics.METHOD, route.method()).eq(AlertMetrics.ROUTE, route.template()).service(service);
    }

    /**
     * The requests of a route answered within {@code le} seconds. Prometheus 3 writes {@code le="1"} as
     * {@code "1.0"} on ingestion and 2.x keeps what the agent wrote, so both spellings match.
     */
    static Selector routeBucket(Route route, double le, String service) {
        return Selector.of(AlertMetrics.HTTP_BUCKET)
                .eq(AlertMetrics.METHOD, route.method()).eq(AlertMetrics.ROUTE, route.template())
                .regex("le", leRegex(le)).service(service);
    }

    static String leRegex(double le) {
        String text = number(le);
        return Selector.literalRegex(text) + (text.contains(".") ? "0*" : "(\\.0+)?");
    }

    /** Every HTTP request a service answered, on any route. */
    static Selector serviceRequests(String service) {
        return Selector.of(AlertMetrics.HTTP_COUNT).service(service);
    }

    // ------------------------------------------------------------------ expressions

    static String sumRate(List<Selector> selectors, PromDuration window) {
        return "sum by (" + BY + ") (" + union("rate", selectors, window) + ")";
    }

    static String sumIncrease(List<Selector> selectors, PromDuration window) {
        return "sum by (" + BY + ") (" + union("increase", selectors, window) + ")";
    }

    /**
     * {@code numerator / denominator}, where a numerator with no series at all counts as 0: counters
     * appear only at their first increment, and without this a route whose requests all fail, or a flow
     * whose every checkout fails, would have no ratio to alert on.
     */
    static String ratio(List<Selector> numerator, List<Selector> denominator, PromDuration window) {
        return "(\n"
                + "  " + sumRate(numerator, window) + "\n"
                + "    or " + ON + "\n"
                + "  0 * " + sumRate(denominator, window) + "\n"
                + ")\n"
                + "  / " + ON + "\n"
                + sumRate(denominator, window);
    }

    /**
     * Per-second rate of events turned into events per minute, 0 while the {@code zeroWhile} series exist
     * and, if {@code seenLately} is given, only for the job and service that had such a series within
     * {@code lookback}.
     */
    static String perMinute(List<Selector> events, Selector zeroWhile, Selector seenLately, PromDuration lookback,
            PromDuration window) {
        if (zeroWhile == null) {
            return sumRate(events, window) + " * 60";
        }
        String zero = "0 * " + sumRate(List.of(zeroWhile), window);
        if (seenLately != null) {
            zero = "(\n  " + zero + "\n    and " + ON + "\n  group by (" + BY + ") (present_over_time(" + seenLately
                    + "[" + lookback + "]))\n)";
        }
        return sumRate(events, window) + " * 60\n"
                + "  or " + ON + "\n"
                + zero;
    }

    /** {@code increase(total) - increase(part)}, a part with no series at all counting as 0. */
    static String difference(List<Selector> total, List<Selector> part, PromDuration window) {
        return sumIncrease(total, window) + "\n"
                + "  - " + ON + "\n"
                + "(\n"
                + "  " + sumIncrease(part, window) + "\n"
                + "    or " + ON + "\n"
                + "  0 * " + sumIncrease(total, window) + "\n"
                + ")";
    }

    static String quantile(double quantile, Selector buckets, PromDuration window) {
        return "histogram_quantile(" + number(quantile) + ",\n"
                + "  sum by (le, " + BY + ") (rate(" + buckets + "[" + window + "]))\n"
                + ")";
    }

    /** The minimum-traffic guard: at least {@code min} counted in the window. */
    static String atLeast(List<Selector> counted, PromDuration window, long min) {
        return sumIncrease(counted, window) + " >= " + min;
    }

    static String absent(Selector selector, PromDuration window) {
        return "absent_over_time(" + selector + "[" + window + "])";
    }

    /** {@code (expression) OP threshold}, parenthesised when the expression has more than one part. */
    static String compare(String expression, String op, String threshold) {
        boolean simple = !expression.contains("\n") || expression.startsWith("histogram_quantile(");
        return simple ? expression + " " + op + " " + threshold : "(\n" + indent(expression) + "\n) " + op + " " + threshold;
    }

    /** Keeps the left side's series (and value) only where the right side has one with the same job and service. */
    static String and(String left, String right) {
        return left + "\nand " + ON + "\n" + right;
    }

    static String indent(String text) {
        return text.lines().map(line -> line.isEmpty() ? line : "  " + line).collect(Collectors.joining("\n"));
    }

    /** A number as PromQL and YAML read it, without exponent or trailing zeros: {@code 0.95}, {@code 60}. */
    static String number(double value) {
        return number(BigDecimal.valueOf(value));
    }

    static String number(BigDecimal value) {
        String text = value.stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    private static String union(String function, List<Selector> selectors, PromDuration window) {
        // Different events are different series, so `or` is a plain union here.
        return selectors.stream().map(s -> function + "(" + s + "[" + window + "])").collect(Collectors.joining(" or "));
    }
}
