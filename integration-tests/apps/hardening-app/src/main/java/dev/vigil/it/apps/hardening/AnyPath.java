package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every path answers 200, except those under {@code /missing}: 404, {@code /guarded}: 401 (a login in
 * front), {@code /forbidden}: 403 and {@code /broken}: 500. Whatever the method. Counts what it served,
 * so a test can hold the agent's count against the app's own ({@code GET /served}).
 */
final class AnyPath implements HttpHandler {
    static final AtomicLong SERVED = new AtomicLong();

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        SERVED.incrementAndGet();
        String path = exchange.getRequestURI().getRawPath();
        int status = path.startsWith("/missing") ? 404 : path.startsWith("/guarded") ? 401
                : path.startsWith("/forbidden") ? 403 : path.startsWith("/broken") ? 500 : 200;
        Replies.send(exchange, status, status == 200 ? "ok" : "no");
    }
}
