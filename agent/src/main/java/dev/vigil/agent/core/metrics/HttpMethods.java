package dev.vigil.agent.core.metrics;

import java.util.Set;

/**
 * The request methods the semantic conventions name; anything else is {@code _OTHER}, so a client cannot
 * invent label values. Declared once: the HTTP server's label and the events file's {@code http: "POST /x"}.
 */
public final class HttpMethods {
    public static final Set<String> KNOWN = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH");

    private HttpMethods() {
    }

    /** The method as the {@code http_request_method} label holds it. */
    public static String normalize(String method) {
        // Set.contains on an interned literal set is a hash lookup; the switch this replaces was no faster.
        return method != null && KNOWN.contains(method) ? method : MetricNames.OTHER;
    }
}
