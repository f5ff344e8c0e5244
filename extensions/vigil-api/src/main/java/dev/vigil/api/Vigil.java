package dev.vigil.api;

/**
 * The application's view of Vigil: business events from code, for what no HTTP route, method or log
 * line marks on its own.
 *
 * <pre>{@code
 * Vigil.event("signup.completed");
 * Vigil.event("payment.authorized", "method", "card");   // attributes as name, value pairs
 * Vigil.failure("payment.authorized", "method", "card"); // the same event, outcome "error"
 * }</pre>
 *
 * <p>Without the agent every call is a no-op that costs a static call. With it, the agent replaces
 * the bodies of these methods and counts {@code vigil_business_events_total{event, outcome}}; each
 * attribute counts {@code vigil_business_event_attributes_total{event, attribute, value}}, with the
 * number of distinct events, attributes and values capped (surplus values become {@code _OTHER}),
 * so never pass ids, emails or free text as values.
 *
 * <p>This jar has no dependencies and never throws: a null or blank name, or an odd number of
 * attribute strings, is ignored by the agent and counted as an agent error.
 */
public final class Vigil {
    private Vigil() {
    }

    /** True when the Vigil agent is attached to this JVM. */
    public static boolean isActive() {
        return false;
    }

    /** The event {@code name} happened and succeeded ({@code outcome="success"}). */
    public static void event(String name) {
    }

    /** The event {@code name} happened and succeeded, with {@code attributes} as name, value pairs. */
    public static void event(String name, String... attributes) {
    }

    /** The event {@code name} happened and failed ({@code outcome="error"}). */
    public static void failure(String name) {
    }

    /** The event {@code name} happened and failed, with {@code attributes} as name, value pairs. */
    public static void failure(String name, String... attributes) {
    }
}
