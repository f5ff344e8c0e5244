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
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * The smallest OpenTelemetry Collector a test needs: {@code POST /v1/traces} and {@code POST /v1/metrics}
 * with an OTLP/HTTP protobuf body (plain or gzip), kept as {@link Span}s and {@link MetricPoint}s for the
 * test to look at. What a user points {@code OTEL_EXPORTER_OTLP_ENDPOINT} at.
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
    public static final String METRICS_PATH = "/v1/metrics";
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

    /**
     * One data point of one exported metric, flattened: the metric's name, unit and type ({@code SUM},
     * {@code GAUGE}, {@code HISTOGRAM}), its temporality ({@code CUMULATIVE}, {@code DELTA}, or {@code UNSPECIFIED}
     * for a gauge), whether a sum is monotonic, the point's attributes, its value (a sum's or gauge's value),
     * a histogram's count, sum, explicit bounds and per-bucket counts (not cumulative: one more count than
     * bounds), the point's start and time, the scope and the resource's attributes, and which export
     * (1, 2, ...) carried it.
     */
    public record MetricPoint(String name, String unit, String type, String temporality, boolean monotonic,
                              Map<String, String> attributes, double value, long count, double sum,
                              List<Double> bounds, List<Long> bucketCounts, long startNanos, long timeNanos,
                              String scope, Map<String, String> resource, int export) {

        public String attribute(String key) {
            return attributes.get(key);
        }

        /** Whether every given attribute has the given value. */
        public boolean has(Map<String, String> subset) {
            return subset.entrySet().stream().allMatch(e -> e.getValue().equals(attributes.get(e.getKey())));
        }

        @Override
        public String toString() {
            return type + " " + name + "[" + unit + "] " + temporality + " " + attributes
                    + (type.equals("HISTOGRAM") ? " count=" + count + " sum=" + sum : " value=" + value)
                    + " export#" + export;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<MetricPoint> metricPoints = new CopyOnWriteArrayList<>();
    private final AtomicInteger metricExports = new AtomicInteger();
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

    /** Every metric point received so far, in arrival order. */
    public List<MetricPoint> metricPoints() {
        return List.copyOf(metricPoints);
    }

    /** The points of metric {@code name} whose attributes include {@code attributes}, in arrival order. */
    public List<MetricPoint> metricPoints(String name, Map<String, String> attributes) {
        return metricPoints.stream().filter(p -> p.name().equals(name) && p.has(attributes)).collect(Collectors.toList());
    }

    /** The most recent point of the series, or null. */
    public MetricPoint latest(String name, Map<String, String> attributes) {
        List<MetricPoint> points = metricPoints(name, attributes);
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }

    /** The points of the most recent metrics export, every metric of it. */
    public List<MetricPoint> lastMetricExport() {
        int last = metricExports.get();
        return metricPoints.stream().filter(p -> p.export() == last).collect(Collectors.toList());
    }

    /** How many metrics export requests were accepted. */
    public int metricExportCount() {
        return metricExports.get();
    }

    /**
     * Polls until {@code condition} holds on the points received, then returns them; after {@code timeout},
     * returns them anyway so the test's assertion shows what was there.
     */
    public List<MetricPoint> awaitMetrics(Predicate<List<MetricPoint>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MetricPoint> points = metricPoints();
        while (!condition.test(points) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for metrics", e);
            }
            points = metricPoints();
        }
        return points;
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
        String path = exchange.getRequestURI().getPath();
        if (!path.equals(TRACES_PATH) && !path.equals(METRICS_PATH)) {
            refuse(exchange, request, 404, "only " + TRACES_PATH + " and " + METRICS_PATH + " are served here");
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
        if (path.equals(METRICS_PATH)) {
            ExportMetricsServiceRequest metrics;
            try {
                metrics = ExportMetricsServiceRequest.parseFrom(decode(body, encoding));
            } catch (IOException e) {
                refuse(exchange, request, 400, "not an ExportMetricsServiceRequest (Content-Encoding "
                        + encoding + ", " + body.length + " bytes): " + e);
                return;
            }
            metricPoints.addAll(pointsOf(metrics, metricExports.incrementAndGet()));
            respond(exchange, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
            return;
        }
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
        respond(exchange, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
    }

    private static void respond(HttpExchange exchange, byte[] response) throws IOException {
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

    static List<MetricPoint> pointsOf(ExportMetricsServiceRequest export, int exportNumber) {
        List<MetricPoint> result = new ArrayList<>();
        for (ResourceMetrics resourceMetrics : export.getResourceMetricsList()) {
            Map<String, String> resource = Collections.unmodifiableMap(attributes(resourceMetrics.getResource().getAttributesList()));
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                String scope = scopeMetrics.getScope().getName();
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    switch (metric.getDataCase()) {
                        case SUM:
                            for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
                                result.add(number(metric, "SUM", metric.getSum().getAggregationTemporality(),
                                        metric.getSum().getIsMonotonic(), point, scope, resource, exportNumber));
                            }
                            break;
                        case GAUGE:
                            for (NumberDataPoint point : metric.getGauge().getDataPointsList()) {
                                result.add(number(metric, "GAUGE", AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED,
                                        false, point, scope, resource, exportNumber));
                            }
                            break;
                        case HISTOGRAM:
                            for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                                result.add(new MetricPoint(metric.getName(), metric.getUnit(), "HISTOGRAM",
                                        temporality(metric.getHistogram().getAggregationTemporality()), false,
                                        Collections.unmodifiableMap(attributes(point.getAttributesList())), Double.NaN,
                                        point.getCount(), point.getSum(), List.copyOf(point.getExplicitBoundsList()),
                                        List.copyOf(point.getBucketCountsList()), point.getStartTimeUnixNano(),
                                        point.getTimeUnixNano(), scope, resource, exportNumber));
                            }
                            break;
                        default:
                            result.add(new MetricPoint(metric.getName(), metric.getUnit(), metric.getDataCase().name(),
                                    "UNSPECIFIED", false, Map.of(), Double.NaN, 0, 0, List.of(), List.of(), 0, 0,
                                    scope, resource, exportNumber));
                    }
                }
            }
        }
        return result;
    }

    private static MetricPoint number(Metric metric, String type, AggregationTemporality temporality, boolean monotonic,
                                      NumberDataPoint point, String scope, Map<String, String> resource, int exportNumber) {
        double value = point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
        return new MetricPoint(metric.getName(), metric.getUnit(), type, temporality(temporality), monotonic,
                Collections.unmodifiableMap(attributes(point.getAttributesList())), value, 0, 0, List.of(), List.of(),
                point.getStartTimeUnixNano(), point.getTimeUnixNano(), scope, resource, exportNumber);
    }

    private static String temporality(AggregationTemporality temporality) {
        return withoutPrefix(temporality.name(), "AGGREGATION_TEMPORALITY_");
    }

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
