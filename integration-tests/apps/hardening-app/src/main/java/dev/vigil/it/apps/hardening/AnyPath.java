package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every path answers 200, except those under {@code /missing}: 404. Whatever the method. Counts what
 * it served, so a test can hold the agent's count against the app's own ({@code GET /served}).
 */
final class AnyPath implements HttpHandler {
    static final AtomicLong SERVED = new AtomicLong();

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        SERVED.incrementAndGet();
        boolean missing = exchange.getRequestURI().getRawPath().startsWith("/missing");
        Replies.send(exchange, missing ? 404 : 200, missing ? "no such thing" : "ok");
    }
}
