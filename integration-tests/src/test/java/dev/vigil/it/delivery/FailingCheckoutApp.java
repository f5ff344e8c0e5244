package dev.vigil.it.delivery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A shop whose payment gateway declines everything: {@code POST /checkout} answers 502. Run under the
 * agent by {@link AlertDeliveryIT}, so its failed checkouts become real business events and a real
 * alert; a JDK {@code HttpServer} keeps it to a second of start-up.
 */
public final class FailingCheckoutApp {
    private FailingCheckoutApp() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/checkout", exchange -> {
            byte[] body = "payment declined\n".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(502, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("READY " + port);
    }
}
