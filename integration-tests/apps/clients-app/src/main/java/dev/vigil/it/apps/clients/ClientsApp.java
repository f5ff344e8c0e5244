package dev.vigil.it.apps.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

/**
 * {@code java -jar clients-app.jar PORT}: {@code GET /call?client=NAME&url=URL} makes one call to URL with
 * the client NAME (see {@link Clients}) and answers 200 with {@code status N} or {@code error CLASS}.
 */
public final class ClientsApp {
    private ClientsApp() {
    }

    public static void main(String[] args) throws Exception {
        Clients clients = new Clients();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/call", exchange -> {
            Map<String, String> query = query(exchange);
            String answer;
            try {
                answer = "status " + clients.call(query.get("client"), query.get("url"));
            } catch (Exception e) {
                answer = "error " + unwrap(e).getClass().getName();
            }
            respond(exchange, answer);
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("READY " + args[0]);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        // Reactor's block() wraps a checked exception (a TimeoutException) in its ReactiveException.
        while ((current instanceof ExecutionException || current instanceof CompletionException
                || current.getClass().getName().equals("reactor.core.Exceptions$ReactiveException"))
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void respond(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
