package dev.vigil.examples.httpserver;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One request: its path parameter and its query and form parameters (form wins). */
final class Request {

    /** A request the client got wrong: answered 400 with the message. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private final String pathParam;
    private final Map<String, String> params = new HashMap<>();

    Request(HttpExchange exchange, String pathParam) throws IOException {
        this.pathParam = pathParam;
        parse(exchange.getRequestURI().getRawQuery());
        try (InputStream body = exchange.getRequestBody()) {
            parse(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    int intPathParam() {
        return parseInt("path parameter", pathParam);
    }

    String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    int intParam(String name, Integer fallback) {
        String value = params.get(name);
        if (value == null && fallback != null) {
            return fallback;
        }
        return parseInt("parameter '" + name + "'", value);
    }

    private static int parseInt(String what, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(what + " must be a whole number");
        }
    }

    private void parse(String urlEncoded) {
        if (urlEncoded == null || urlEncoded.isEmpty()) {
            return;
        }
        for (String pair : urlEncoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(decode(name), decode(value));
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed URL encoding");
        }
    }
}
