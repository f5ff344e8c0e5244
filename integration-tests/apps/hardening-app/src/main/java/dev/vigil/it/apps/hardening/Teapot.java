package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The handler behind {@link PlainHttpServer}: 418 {@code tea}. It touches nothing of the exchange but
 * what it needs to answer; with {@code /hostile/throwing-handler} it throws a
 * {@link HostileRuntimeException}, and with {@code /hostile/secret-message} an exception whose message
 * carries the request's query string.
 */
final class Teapot implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        HostileExchange.Mode mode = ((HostileExchange) exchange).mode();
        if (mode == HostileExchange.Mode.THROWING_HANDLER) {
            throw new HostileRuntimeException();
        }
        if (mode == HostileExchange.Mode.SECRET_MESSAGE) {
            throw new IllegalStateException("refused " + ((HostileExchange) exchange).query());
        }
        byte[] body = "tea".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(418, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
