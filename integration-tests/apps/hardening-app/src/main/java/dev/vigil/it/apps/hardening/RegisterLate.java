package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;

/** {@code POST /register-late}: adds {@code /late}, whose handler class is loaded only now. */
final class RegisterLate implements HttpHandler {
    private final HttpServer server;
    private boolean registered;

    RegisterLate(HttpServer server) {
        this.server = server;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        synchronized (this) {
            if (!registered) {
                server.createContext("/late", new LateHandler());
                registered = true;
            }
        }
        Replies.send(exchange, 201, "/late is served");
    }
}
