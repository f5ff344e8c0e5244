package dev.vigil.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A downstream service on 127.0.0.1 for an application under test to call: {@code GET /echo} answers
 * 200 {@code "echo"}, {@code GET /status/CODE} answers CODE, and both remember the query and the W3C
 * trace headers each call arrived with.
 */
public final class EchoServer implements AutoCloseable {

    /** One call as it arrived: the query string and the headers ({@code null} when absent). */
    public record Call(String query, String traceparent, String tracestate) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private EchoServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on a free port of 127.0.0.1. */
    public static EchoServer start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "echo-server");
            thread.setDaemon(true);
            return thread;
        });
        EchoServer echo = new EchoServer(server, executor);
        server.createContext("/echo", echo::handle);
        server.createContext("/status/", echo::handle);
        server.setExecutor(executor);
        server.start();
        return echo;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every call so far, in arrival order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Polls until at least {@code count} calls arrived; returns them either way. */
    public List<Call> awaitCalls(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calls.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for calls", e);
            }
        }
        return calls();
    }

    /** Forgets the calls so far. */
    public void clear() {
        calls.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            calls.add(new Call(exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("traceparent"),
                    exchange.getRequestHeaders().getFirst("tracestate")));
            byte[] body = "echo".getBytes(StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            int status = path.startsWith("/status/") ? Integer.parseInt(path.substring("/status/".length())) : 200;
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
