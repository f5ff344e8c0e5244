package dev.vigil.it.apps.log4j2;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code java -jar log4j2-app.jar PORT}: a JDK HttpServer app that logs through Log4j2, as JSON
 * (see {@code log4j2.xml}).
 *
 * <ul>
 *   <li>{@code GET /hello}: logs {@code "hello from log4j2"} once, on the request's own thread, and
 *       answers 200</li>
 * </ul>
 */
public final class Log4j2App {

    private static final Logger log = LogManager.getLogger(Log4j2App.class);
    private static final AtomicInteger ORDERS = new AtomicInteger();

    private Log4j2App() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hello", Log4j2App::hello);
        server.createContext("/order", Log4j2App::order);
        server.start();
        log.info("log4j2-app listening on 127.0.0.1:{}", port);
    }

    private static void hello(HttpExchange exchange) throws IOException {
        log.info("hello from log4j2");
        answer(exchange, 200, "hello\n");
    }

    /** {@code /order?declined} logs the order at ERROR and answers 402; otherwise INFO and 200. */
    private static void order(HttpExchange exchange) throws IOException {
        boolean declined = "declined".equals(exchange.getRequestURI().getQuery());
        int id = ORDERS.incrementAndGet();
        if (declined) {
            log.error("order {} declined", id);
        } else {
            log.info("order {} placed", id);
        }
        answer(exchange, declined ? 402 : 200, "order\n");
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
