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

    /**
     * The method as the {@code http_request_method} label holds it: the literal (so later map lookups meet
     * the same instance), or {@code _OTHER}. Servers parse a new string per request, whose hash is not
     * computed yet; comparing by length and characters costs less than hashing it for a set lookup.
     */
    public static String normalize(String method) {
        if (method == null) {
            return MetricNames.OTHER;
        }
        String known = switch (method.length()) {
            case 3 -> method.equals("GET") ? "GET" : method.equals("PUT") ? "PUT" : null;
            case 4 -> method.equals("POST") ? "POST" : method.equals("HEAD") ? "HEAD" : null;
            case 5 -> method.equals("PATCH") ? "PATCH" : method.equals("TRACE") ? "TRACE" : null;
            case 6 -> method.equals("DELETE") ? "DELETE" : null;
            case 7 -> method.equals("OPTIONS") ? "OPTIONS" : method.equals("CONNECT") ? "CONNECT" : null;
            default -> null;
        };
        return known != null ? known : MetricNames.OTHER;
    }
}
