package dev.vigil.it.apps.odd;

import ch.qos.logback.classic.spi.LoggingEvent;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** {@code java -jar odd-app.jar PORT}: {@code GET /mdc} uses the odd LoggingEvent and answers with its MDC. */
public final class OddApp {
    private OddApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/mdc", exchange -> {
            byte[] body = new LoggingEvent().getMDCPropertyMap().toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("READY " + args[0]);
    }
}
