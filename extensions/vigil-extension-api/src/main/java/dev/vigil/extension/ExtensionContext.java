package dev.vigil.extension;

/** What the agent offers an extension while it installs. */
public interface ExtensionContext {
    /**
     * Calls {@code listener} around every call of the methods named {@code methodName} declared by
     * the class {@code className} (exact name, any class loader; subclasses are not matched, so a
     * framework proxy does not count a call twice). Abstract methods cannot be matched.
     */
    void instrument(String className, String methodName, MethodListener listener);

    /**
     * A counter {@code name_total} with these labels. Names are Prometheus names
     * ({@code [a-z_][a-z0-9_]*}), prefixed with {@code vigil_} by convention. Each label keeps at most
     * {@link #MAX_LABEL_VALUES} distinct values; later ones become {@code _OTHER}.
     */
    Counter counter(String name, String description, String... labelNames);

    /** A latency histogram {@code name_seconds} (the agent's HTTP buckets, 1 ms to 60 s) with these labels. */
    Timer timer(String name, String description, String... labelNames);

    /** Counts a business event, as {@code Vigil.event} does: {@code vigil_business_events_total{event,outcome}}. */
    void event(String name, boolean success);

    /** {@code vigil.ext.<extension name>.<key>} from system properties, or {@code fallback}. */
    String setting(String key, String fallback);

    /** One line in the agent's JSON log, at info level, tagged with the extension's name. */
    void log(String message);

    int MAX_LABEL_VALUES = 100;
}
