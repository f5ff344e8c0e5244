package dev.vigil.agent.http;

import dev.vigil.agent.metrics.MetricNames;

/** The request methods the semantic conventions name; anything else is {@code _OTHER}, so a client cannot invent label values. */
final class HttpMethods {
    private HttpMethods() {
    }

    static String normalize(String method) {
        if (method == null) {
            return MetricNames.OTHER;
        }
        switch (method) {
            case "GET":
            case "POST":
            case "PUT":
            case "DELETE":
            case "HEAD":
            case "PATCH":
            case "OPTIONS":
            case "CONNECT":
            case "TRACE":
                return method;
            default:
                return MetricNames.OTHER;
        }
    }
}
