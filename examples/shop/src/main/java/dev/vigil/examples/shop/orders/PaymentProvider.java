package dev.vigil.examples.shop.orders;

import dev.vigil.examples.shop.Faults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The payment provider the shop calls over HTTP, as a stub on 127.0.0.1 that the shop starts itself, so
 * the demo needs no second process: {@code POST /authorize} answers 200 (authorized) or 402 (declined)
 * after a few milliseconds, declining and slowing down as {@link Faults} asks. Port:
 * {@code shop.payment-provider.port} (0, the default: any free port).
 *
 * <p>A plain socket server on purpose: it stands for a remote service, so its requests are not the
 * shop's own and must not show among the shop's routes.
 */
@Component
public class PaymentProvider implements DisposableBean {

    private final Faults faults;
    private final ServerSocket socket;
    private final ExecutorService workers = Executors.newFixedThreadPool(8, task -> {
        Thread thread = new Thread(task, "payment-provider");
        thread.setDaemon(true);
        return thread;
    });

    public PaymentProvider(Faults faults, @Value("${shop.payment-provider.port:0}") int port) {
        this.faults = faults;
        try {
            this.socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("the payment provider stub cannot listen on 127.0.0.1:" + port, e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "payment-provider-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where the shop sends its payments: {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                workers.execute(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** One connection, any number of requests on it (the shop's client keeps connections alive). */
    private void serve(Socket connection) {
        try (connection;
             BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1))) {
            OutputStream out = connection.getOutputStream();
            String requestLine;
            while ((requestLine = in.readLine()) != null && !requestLine.isEmpty()) {
                int length = 0;
                for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                    if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(header.substring(15).trim());
                    }
                }
                in.skip(length);
                int status = requestLine.startsWith("POST /authorize ") ? authorize() : 404;
                String reason = status == 200 ? "OK" : status == 402 ? "Payment Required" : "Not Found";
                out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the shop hung up; nothing to answer
        }
    }

    private int authorize() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            Thread.sleep(random.nextInt(2, 12) + faults.paymentDelayMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 503;
        }
        double failureRate = faults.checkoutFailureRate();
        return failureRate > 0 && random.nextDouble() < failureRate ? 402 : 200;
    }

    @Override
    public void destroy() throws IOException {
        socket.close();
        workers.shutdownNow();
    }
}
