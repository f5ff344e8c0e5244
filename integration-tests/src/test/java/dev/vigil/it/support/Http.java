package dev.vigil.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A tiny HTTP client for tests, talking to 127.0.0.1 only. HTTP/1.1 on purpose: the JDK client
 * would otherwise offer an h2c upgrade, which is not what a browser or a load balancer sends.
 */
public final class Http {

    /** Any single request; a hung application fails the test instead of hanging it. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** The whole of one {@link #hammer} call. */
    public static final Duration HAMMER_TIMEOUT = Duration.ofMinutes(3);

    /** The status {@link #hammer} counts a request under when it got no response at all. */
    public static final int NO_RESPONSE = -1;

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {
    }

    /** A status, a body and headers. */
    public record Response(int status, String body, HttpHeaders headers) {
        @Override
        public String toString() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }

    /** {@code http://127.0.0.1:port/path}; {@code path} starts with '/' and may carry a query. */
    public static URI uri(int port, String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A request builder for {@link #send} or {@link #hammer}, with the default timeout. */
    public static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(uri(port, path)).timeout(REQUEST_TIMEOUT);
    }

    public static Response get(int port, String path) {
        return send(request(port, path).GET().build());
    }

    /** POSTs {@code body} as {@code text/plain; charset=UTF-8}. */
    public static Response post(int port, String path, String body) {
        return post(port, path, body, "text/plain; charset=UTF-8");
    }

    public static Response post(int port, String path, String body, String contentType) {
        return send(request(port, path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    /**
     * Sends exactly {@code total} requests from {@code threads} threads and counts the responses by
     * status ({@link #NO_RESPONSE} for an I/O failure). Request {@code i} (0-based) is
     * {@code request.apply(i)}. Fails if the whole burst takes longer than {@link #HAMMER_TIMEOUT}.
     *
     * @return status to number of responses, sorted by status
     */
    public static Map<Integer, Integer> hammer(int total, int threads, IntFunction<HttpRequest> request) {
        Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long deadline = System.nanoTime() + HAMMER_TIMEOUT.toNanos();

        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    if (System.nanoTime() > deadline) {
                        return;
                    }
                    int status;
                    try {
                        status = CLIENT.send(request.apply(i), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        firstFailure.compareAndSet(null, e);
                        status = NO_RESPONSE;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    counts.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
            }, "hammer-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 1_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }

        Map<Integer, Integer> result = new TreeMap<>();
        counts.forEach((status, n) -> result.put(status, n.get()));
        int sent = result.values().stream().mapToInt(Integer::intValue).sum();
        if (sent != total) {
            workers.forEach(Thread::interrupt);
            throw new AssertionError("only " + sent + " of " + total + " requests completed within "
                    + HAMMER_TIMEOUT + "; statuses so far: " + result);
        }
        if (firstFailure.get() != null) {
            // The count under NO_RESPONSE says how many; this says why.
            System.err.println("hammer: first request without a response: " + firstFailure.get());
        }
        return result;
    }

    /**
     * Opens the endless event stream at {@code path} on a raw socket, reads until {@code firstEvent} arrives,
     * and closes the connection: a client that leaves a stream, which a server must count once.
     */
    public static void readFirstEventAndHangUp(int port, String path, String firstEvent) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            java.io.InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (seen.indexOf(firstEvent) < 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("the stream ended before its first event: " + seen);
                }
                seen.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.US_ASCII));
            }
            if (!seen.toString().startsWith("HTTP/1.1 200")) {
                throw new IOException("the stream did not answer 200: " + seen);
            }
        }
    }
}
