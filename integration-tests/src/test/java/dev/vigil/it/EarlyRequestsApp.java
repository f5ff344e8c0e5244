package dev.vigil.it;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * An application that serves and sends its first requests the moment its {@code main} starts, while the agent's
 * features may still be starting on their own thread: a JDK HttpServer on 127.0.0.1:PORT answering {@code /early},
 * and the JDK's {@code HttpURLConnection} calling it COUNT times (lighter to load than its {@code HttpClient}).
 * Prints {@code SENT <count> FIRST_AT <instant>} (the first request's start, to compare with the agent's "started"
 * line), then stays up to be scraped, at most 120 s.
 * {@code java -cp test-classes dev.vigil.it.EarlyRequestsApp PORT COUNT}.
 */
public final class EarlyRequestsApp {
    private EarlyRequestsApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/early", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Instant first = Instant.now();
        for (int i = 0; i < count; i++) {
            HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/early").openConnection();
            try (InputStream body = connection.getInputStream()) {
                body.readAllBytes();
            }
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("status " + connection.getResponseCode());
            }
        }
        System.out.println("SENT " + count + " FIRST_AT " + first);
        System.out.flush();
        Thread.sleep(120_000);
        server.stop(0);
    }
}
