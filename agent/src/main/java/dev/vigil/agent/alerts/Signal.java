package dev.vigil.agent.alerts;

import java.util.List;
import java.util.Optional;

/** What an alert watches; the threshold and window are in {@link AlertSpec}. */
sealed interface Signal {

    /** {@code good} events as a fraction of {@code total} events ({@code ratio: {good: ..., total: [...]}}). */
    record EventRatio(List<EventRef> good, List<EventRef> total) implements Signal {
        public EventRatio {
            good = List.copyOf(good);
            total = List.copyOf(total);
        }

        /** A counter (event and outcome) that total counts and good does not; empty if the ratio is always 100%. */
        Optional<EventRef> badSeries() {
            for (EventRef t : total) {
                List<String> outcomes = t.outcome() == null ? List.of(EventRef.SUCCESS, EventRef.ERROR) : List.of(t.outcome());
                for (String outcome : outcomes) {
                    EventRef series = new EventRef(t.event(), outcome);
                    if (good.stream().noneMatch(series::isWithin)) {
                        return Optional.of(series);
                    }
                }
            }
            return Optional.empty();
        }

        /** A counter that good counts (and so total too). */
        EventRef goodSeries() {
            EventRef first = good.get(0);
            return new EventRef(first.event(), first.outcome() == null ? EventRef.SUCCESS : first.outcome());
        }
    }

    /** Events per minute ({@code rate: {event: ...}}). */
    record EventRate(EventRef event) implements Signal {
    }

    /** A latency percentile of one route, from the summed histogram buckets ({@code latency: p95}). */
    record RouteLatency(Route route, String percentile, double quantile) implements Signal {
    }

    /**
     * For latency SLOs: the share of a route's requests answered within {@code le} seconds, read from the
     * bucket with exactly that bound, so {@code le} must be one of the agent's bucket bounds.
     */
    record RouteLatencyObjective(Route route, double le, String leText) implements Signal {
    }

    /** The share of a route's requests answered 5xx ({@code error_rate:}; an exception counts as 500). */
    record RouteErrorRatio(Route route) implements Signal {
    }
}
