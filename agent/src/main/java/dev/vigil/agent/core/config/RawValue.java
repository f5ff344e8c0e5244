package dev.vigil.agent.core.config;

/**
 * A setting as one source gave it, before validation, with where it came from for messages:
 * {@code system property -Dvigil.metrics.port}, {@code environment VIGIL_METRICS_PORT} or
 * {@code /etc/app/vigil.yaml line 3}.
 *
 * @param text  the value, or null when YAML held a list or mapping where a plain value belongs
 * @param shape what YAML held instead of a plain value ("a list"), or null
 */
record RawValue(String text, String shape, String where) {

    /** Longer values are never echoed: they are more likely to be pasted credentials or garbage. */
    static final int MAX_SHOWN_LENGTH = 40;

    static RawValue of(String text, String where) {
        return new RawValue(text, null, where);
    }

    static RawValue notAPlainValue(String shape, String where) {
        return new RawValue(null, shape, where);
    }

    /** How a message may show this value of {@code key}: quoted if short and not possibly secret. */
    String shownFor(String key) {
        if (text == null) {
            return shape;
        }
        if (Setting.mayHoldSecret(key)) {
            return "a value that is not shown because the key may hold a secret";
        }
        if (text.length() > MAX_SHOWN_LENGTH) {
            return "a value of " + text.length() + " characters (too long to show)";
        }
        // Control characters would break the one-event-per-line log.
        return "'" + text.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
