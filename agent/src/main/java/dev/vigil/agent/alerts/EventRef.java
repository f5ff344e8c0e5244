package dev.vigil.agent.alerts;

import java.util.Objects;

/**
 * One business event in an alert: {@code checkout.completed} (any outcome) or, for events the agent
 * counts with an outcome (method events), {@code {event: order.placed, outcome: error}}.
 *
 * @param outcome {@code success}, {@code error}, or null for both
 */
record EventRef(String event, String outcome) {
    static final String SUCCESS = "success";
    static final String ERROR = "error";

    EventRef {
        Objects.requireNonNull(event);
    }

    /** Whether every event this one counts is also counted by {@code wider}. */
    boolean isWithin(EventRef wider) {
        return event.equals(wider.event) && (wider.outcome == null || wider.outcome.equals(outcome));
    }

    boolean overlaps(EventRef other) {
        return event.equals(other.event) && (outcome == null || other.outcome == null || outcome.equals(other.outcome));
    }

    @Override
    public String toString() {
        return outcome == null ? event : event + " (" + outcome + ")";
    }
}
