package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A hand-written HTTP/1.1 server that serves through the {@code com.sun.net.httpserver} API with an
 * exchange of its own, as other implementations of that API do. The exchange misbehaves as the path's
 * last segment says ({@link HostileExchange.Mode}), under {@code /hostile/MODE}; the handler is
 * {@link Teapot}. The server answers what the handler set, or 500 when the handler threw: the app's own
 * answer either way. One connection per request ({@code Connection: close}).
 */
final class PlainHttpServer {
    private final ServerSocket socket;
    private final HttpHandler handler = new Teapot();

    PlainHttpServer(int port) throws IOException {
        this.socket = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
    }

    void start() {
        Thread acceptor = new Thread(this::accept, "plain-http-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (true) {
            try {
                Socket connection = socket.accept();
                Thread worker = new Thread(() -> serve(connection), "plain-http-worker");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            String[] requestLine = in.readLine().split(" ");
            while (!in.readLine().isEmpty()) {
                // headers are not needed: the exchange makes up its own
            }
            URI uri = URI.create(requestLine[1]);
            String path = uri.getPath();
            HostileExchange.Mode mode = HostileExchange.Mode.valueOf(
                    path.substring(path.lastIndexOf('/') + 1).toUpperCase().replace('-', '_'));
            HostileExchange exchange = new HostileExchange(mode, requestLine[0], uri);
            int status;
            byte[] body;
            try {
                handler.handle(exchange);
                status = exchange.status();
                body = exchange.body();
            } catch (Throwable handlerFailed) { // the app's own error page, not the exception's text
                status = 500;
                body = "the handler failed".getBytes(StandardCharsets.UTF_8);
            }
            OutputStream out = connection.getOutputStream();
            out.write(("HTTP/1.1 " + status + " Status\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // the client went away, or sent something that is not HTTP: nothing to answer
        }
    }
}
