package dev.vigil.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * The smallest OpenTelemetry Collector a test needs: {@code POST /v1/traces} with an OTLP/HTTP
 * protobuf body (plain or gzip), kept as {@link Span}s for the test to look at. What a user points
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} at.
 *
 * <pre>{@code
 * try (OtlpReceiver receiver = OtlpReceiver.start();
 *      AppProcess app = AppProcess.jar(...).withAgent()
 *              .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
 *              .env("OTEL_BSP_SCHEDULE_DELAY", 100)
 *              .start()) {
 *     ...
 *     List<OtlpReceiver.Span> spans = receiver.awaitSpans(s -> s.traceId().equals(traceId), Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Listens on 127.0.0.1 only. Anything it cannot take (another path, OTLP/JSON, a body that is not
 * an {@code ExportTraceServiceRequest}) is answered with a 4xx and remembered in {@link #rejected()},
 * so a test can say why nothing arrived.
 */
public final class OtlpReceiver implements AutoCloseable {

    public static final String TRACES_PATH = "/v1/traces";
    public static final String PROTOBUF = "application/x-protobuf";

    /**
     * One span as exported, with ids in lower-case hex (empty when absent: a root span has no parent),
     * {@code kind} and {@code statusCode} as the OpenTelemetry API names them ({@code SERVER},
     * {@code CLIENT}, ...; {@code UNSET}, {@code OK}, {@code ERROR}), attribute values as strings and
     * the resource's {@code service.name}.
     */
    public record Span(String traceId, String spanId, String parentSpanId, String name, String kind,
                       Map<String, String> attributes, String statusCode, String serviceName) {

        public boolean isRoot() {
            return parentSpanId.isEmpty();
        }

        /** The attribute's value, or {@code null}. */
        public String attribute(String key) {
            return attributes.get(key);
        }

        @Override
        public String toString() {
            return kind + " \"" + name + "\" trace=" + traceId + " span=" + spanId
                    + " parent=" + (parentSpanId.isEmpty() ? "-" : parentSpanId)
                    + " status=" + statusCode + " service=" + serviceName + " " + attributes;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> resources = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final AtomicInteger exports = new AtomicInteger();

    private OtlpReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** A receiver on a free port of 127.0.0.1. */
    public static OtlpReceiver start() {
        return start(0);
    }

    /**
     * A receiver on 127.0.0.1:{@code port} ({@code 0}: any free port).
     *
     * @throws UncheckedIOException when the port is taken
     */
    public static OtlpReceiver start(int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "otlp-receiver");
            thread.setDaemon(true);
            return thread;
        });
        OtlpReceiver receiver = new OtlpReceiver(server, executor);
        server.createContext("/", receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    /** {@code http://127.0.0.1:PORT}: the value for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every span received so far, in arrival order. */
    public List<Span> spans() {
        return List.copyOf(spans);
    }

    /** The spans received so far that match. */
    public List<Span> spans(Predicate<Span> condition) {
        return spans.stream().filter(condition).collect(Collectors.toList());
    }

    /** How many export requests were accepted (each may carry many spans, or none). */
    /** The resource attributes of everything received, one map per exported resource, in arrival order. */
    public List<Map<String, String>> resources() {
        return List.copyOf(resources);
    }

    public int exportCount() {
        return exports.get();
    }

    /** Why each refused request was refused ({@code "POST /v1/traces: 415 ..."}), in arrival order. */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    /**
     * Polls until at least one received span matches, and returns all that match then; after
     * {@code timeout}, returns what matches (perhaps nothing) so the test's own assertion says what
     * was there, with {@link #summary()}.
     */
    public List<Span> awaitSpans(Predicate<Span> condition, Duration timeout) {
        return awaitSpans(condition, 1, timeout);
    }

    /** Polls until at least {@code count} received spans match; returns the matches either way. */
    public List<Span> awaitSpans(Predicate<Span> condition, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Span> matching = spans(condition);
        while (matching.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for spans", e);
            }
            matching = spans(condition);
        }
        return matching;
    }

    /** Everything received, one span a line, for assertion messages. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("\n--- OTLP receiver on ").append(endpoint()).append(": ").append(exports.get())
                .append(" export(s), ").append(spans.size()).append(" span(s) ---");
        spans.forEach(span -> out.append("\n").append(span));
        rejected.forEach(reason -> out.append("\nrejected: ").append(reason));
        return out.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- the HTTP side ---

    private void handle(HttpExchange exchange) throws IOException {
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        try (exchange) {
            receive(exchange, request);
        } catch (RuntimeException | LinkageError e) {
            // Said in the summary rather than lost in HttpServer's own logging (a closed connection).
            rejected.add(request + ": the receiver failed: " + e);
            throw e;
        }
    }

    private void receive(HttpExchange exchange, String request) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (!exchange.getRequestURI().getPath().equals(TRACES_PATH)) {
            refuse(exchange, request, 404, "only " + TRACES_PATH + " is served here");
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            refuse(exchange, request, 405, "only POST");
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(PROTOBUF)) {
            refuse(exchange, request, 415, "Content-Type " + contentType + ", expected " + PROTOBUF);
            return;
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        ExportTraceServiceRequest export;
        try {
            export = ExportTraceServiceRequest.parseFrom(decode(body, encoding));
        } catch (IOException e) {
            refuse(exchange, request, 400, "not an ExportTraceServiceRequest (Content-Encoding "
                    + encoding + ", " + body.length + " bytes): " + e);
            return;
        }
        for (ResourceSpans resourceSpans : export.getResourceSpansList()) {
            resources.add(attributes(resourceSpans.getResource().getAttributesList()));
        }
        spans.addAll(spansOf(export));
        exports.incrementAndGet();
        byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
        // An empty response is a zero-length body: -1 tells HttpServer "no body" rather than "chunked".
        exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
        if (response.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    private static byte[] decode(byte[] body, String contentEncoding) throws IOException {
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (contentEncoding.equalsIgnoreCase("gzip")) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                return in.readAllBytes();
            }
        }
        throw new IOException("unsupported Content-Encoding " + contentEncoding);
    }

    private void refuse(HttpExchange exchange, String request, int status, String reason) throws IOException {
        rejected.add(request + ": " + status + " " + reason);
        exchange.sendResponseHeaders(status, -1);
    }

    // --- protobuf to records ---

    static List<Span> spansOf(ExportTraceServiceRequest export) {
        List<Span> result = new ArrayList<>();
        for (ResourceSpans resourceSpans : export.getResourceSpansList()) {
            String serviceName = attributes(resourceSpans.getResource().getAttributesList())
                    .getOrDefault("service.name", "");
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
                    result.add(new Span(
                            hex(span.getTraceId()),
                            hex(span.getSpanId()),
                            hex(span.getParentSpanId()),
                            span.getName(),
                            withoutPrefix(span.getKind().name(), "SPAN_KIND_"),
                            Collections.unmodifiableMap(attributes(span.getAttributesList())),
                            withoutPrefix(span.getStatus().getCode().name(), "STATUS_CODE_"),
                            serviceName));
                }
            }
        }
        return result;
    }

    private static Map<String, String> attributes(List<KeyValue> keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        keyValues.forEach(kv -> map.put(kv.getKey(), text(kv.getValue())));
        return map;
    }

    /** An attribute value as a test compares it: {@code "GET"}, {@code "200"}, {@code "true"}, {@code "[a, b]"}. */
    private static String text(AnyValue value) {
        switch (value.getValueCase()) {
            case STRING_VALUE:
                return value.getStringValue();
            case INT_VALUE:
                return Long.toString(value.getIntValue());
            case BOOL_VALUE:
                return Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE:
                return Double.toString(value.getDoubleValue());
            case BYTES_VALUE:
                return hex(value.getBytesValue());
            case ARRAY_VALUE:
                return value.getArrayValue().getValuesList().stream().map(OtlpReceiver::text)
                        .collect(Collectors.joining(", ", "[", "]"));
            case KVLIST_VALUE:
                return attributes(value.getKvlistValue().getValuesList()).toString();
            default:
                return "";
        }
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static String withoutPrefix(String name, String prefix) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }
}
