package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code GET /late/...}: a handler class the JVM loads only when {@code /register-late} asks for it. */
final class LateHandler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Replies.send(exchange, 200, "late");
    }
}
