package dev.vigil.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

/** The receiver the tracing tests rely on, fed by hand the way an OTLP/HTTP exporter would (no agent needed). */
class OtlpReceiverTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SERVER_SPAN_ID = "00f067aa0ba902b7";
    private static final String CLIENT_SPAN_ID = "b7ad6b7169203331";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void decodesAnExportIntoSpans() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            HttpResponse<byte[]> response = post(receiver, exportRequest().toByteArray(), null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(ExportTraceServiceResponse.parseFrom(response.body()))
                    .isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
            assertThat(receiver.exportCount()).isEqualTo(1);
            List<OtlpReceiver.Span> spans = receiver.spans();
            assertThat(spans).hasSize(2);

            OtlpReceiver.Span server = spans.get(0);
            assertThat(server.traceId()).isEqualTo(TRACE_ID);
            assertThat(server.spanId()).isEqualTo(SERVER_SPAN_ID);
            assertThat(server.parentSpanId()).isEmpty();
            assertThat(server.isRoot()).isTrue();
            assertThat(server.name()).isEqualTo("GET /owners/{ownerId}");
            assertThat(server.kind()).isEqualTo("SERVER");
            assertThat(server.statusCode()).isEqualTo("ERROR");
            assertThat(server.serviceName()).isEqualTo("shop");
            assertThat(server.attributes()).containsOnly(
                    entry("http.request.method", "GET"),
                    entry("http.route", "/owners/{ownerId}"),
                    entry("http.response.status_code", "500"),
                    entry("vigil.retry", "false"),
                    entry("vigil.ratio", "0.5"));

            OtlpReceiver.Span client = spans.get(1);
            assertThat(client.parentSpanId()).isEqualTo(SERVER_SPAN_ID);
            assertThat(client.kind()).isEqualTo("CLIENT");
            assertThat(client.statusCode()).isEqualTo("UNSET");
            assertThat(client.attribute("db.query.text")).isEqualTo("SELECT id FROM owners WHERE id = ?");
        }
    }

    @Test
    void acceptsGzipBodies() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
                out.write(exportRequest().toByteArray());
            }

            HttpResponse<byte[]> response = post(receiver, gzipped.toByteArray(), "gzip");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(receiver.spans()).extracting(OtlpReceiver.Span::spanId)
                    .containsExactly(SERVER_SPAN_ID, CLIENT_SPAN_ID);
        }
    }

    @Test
    void refusesWhatIsNotOtlpProtobufAndSaysWhy() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            HttpResponse<byte[]> json = CLIENT.send(HttpRequest.newBuilder(URI.create(receiver.endpoint() + "/v1/traces"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> logs = CLIENT.send(HttpRequest.newBuilder(URI.create(receiver.endpoint() + "/v1/logs"))
                    .header("Content-Type", OtlpReceiver.PROTOBUF)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> garbage = post(receiver, new byte[] {(byte) 0xff, 0x01, 0x02}, null);

            assertThat(json.statusCode()).isEqualTo(415);
            assertThat(logs.statusCode()).isEqualTo(404);
            assertThat(garbage.statusCode()).isEqualTo(400);
            assertThat(receiver.spans()).isEmpty();
            assertThat(receiver.exportCount()).isZero();
            assertThat(receiver.rejected()).hasSize(3);
            assertThat(receiver.summary()).contains("415", "application/json", "/v1/logs", "ExportTraceServiceRequest");
        }
    }

    @Test
    void awaitingIsBoundedAndReturnsTheMatches() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            long start = System.nanoTime();
            assertThat(receiver.awaitSpans(s -> true, Duration.ofMillis(300))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

            post(receiver, exportRequest().toByteArray(), null);

            assertThat(receiver.awaitSpans(s -> s.kind().equals("CLIENT"), Duration.ofSeconds(5)))
                    .extracting(OtlpReceiver.Span::name).containsExactly("SELECT owners");
            assertThat(receiver.awaitSpans(s -> s.traceId().equals(TRACE_ID), 2, Duration.ofSeconds(5))).hasSize(2);
        }
    }

    @Test
    void listensOnLoopbackOnly() {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            assertThat(receiver.endpoint()).isEqualTo("http://127.0.0.1:" + receiver.port());
            assertThat(receiver.port()).isPositive();
        }
    }

    private static HttpResponse<byte[]> post(OtlpReceiver receiver, byte[] body, String contentEncoding)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver.endpoint() + OtlpReceiver.TRACES_PATH))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", OtlpReceiver.PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** What an agent would send for one request that ran one query: a server span and its client child. */
    private static ExportTraceServiceRequest exportRequest() {
        Span server = Span.newBuilder()
                .setTraceId(bytes(TRACE_ID))
                .setSpanId(bytes(SERVER_SPAN_ID))
                .setName("GET /owners/{ownerId}")
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .addAttributes(string("http.request.method", "GET"))
                .addAttributes(string("http.route", "/owners/{ownerId}"))
                .addAttributes(KeyValue.newBuilder().setKey("http.response.status_code")
                        .setValue(AnyValue.newBuilder().setIntValue(500)))
                .addAttributes(KeyValue.newBuilder().setKey("vigil.retry")
                        .setValue(AnyValue.newBuilder().setBoolValue(false)))
                .addAttributes(KeyValue.newBuilder().setKey("vigil.ratio")
                        .setValue(AnyValue.newBuilder().setDoubleValue(0.5)))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                .build();
        Span client = Span.newBuilder()
                .setTraceId(bytes(TRACE_ID))
                .setSpanId(bytes(CLIENT_SPAN_ID))
                .setParentSpanId(bytes(SERVER_SPAN_ID))
                .setName("SELECT owners")
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .addAttributes(string("db.query.text", "SELECT id FROM owners WHERE id = ?"))
                .build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(string("service.name", "shop")))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(server).addSpans(client)))
                .build();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }
}
