package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.EchoServer;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Traceparent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outgoing calls of every HTTP client library, as a user sees them: the clients app (every library on
 * its class path, one JVM under the agent for the whole class) calls an upstream the test runs on
 * 127.0.0.1, a port that refuses connections and a server that accepts and never answers. Each call is
 * one server request of the app ({@code GET /call}), so its client time shows on that route.
 *
 * <p>The tests run one after another and each reads how much its own calls moved the series, so
 * their counts are exact.
 */
class HttpClientsIT {

    private static final String COUNT = "http_client_request_duration_seconds_count";
    private static final String PER_REQUEST_COUNT = "vigil_http_server_client_duration_seconds_count";
    private static final String PER_REQUEST_SUM = "vigil_http_server_client_duration_seconds_sum";
    private static final int OK_CALLS = 3;
    private static final int NOT_FOUND_CALLS = 2;
    private static final int UNAVAILABLE_CALLS = 2;
    private static final int REFUSED_CALLS = 1;
    private static final int SILENT_CALLS = 1;
    private static final int ALL_CALLS = OK_CALLS + NOT_FOUND_CALLS + UNAVAILABLE_CALLS + REFUSED_CALLS + SILENT_CALLS;
    /** A query string that must reach no label. */
    private static final String SECRET = "token=hunter2";

    private static EchoServer upstream;
    private static SilentServer silent;
    private static int refusedPort;
    private static AppProcess app;
    private static int appPort;
    private static int metricsPort;

    /**
     * Each client, with what it throws when the connection is refused and when no answer comes within its
     * timeout, and how many requests its calls put on the wire (Apache HttpClient 5 retries a 503 once).
     */
    static Stream<Arguments> clients() {
        String refused = "java.net.ConnectException";
        String apache5Refused = "org.apache.hc.client5.http.HttpHostConnectException";
        String readTimeout = "java.net.SocketTimeoutException";
        String jdkTimeout = "java.net.http.HttpTimeoutException";
        String nettyRefused = "io.netty.channel.AbstractChannel$AnnotatedConnectException";
        String nettyTimeout = "io.netty.handler.timeout.ReadTimeoutException";
        int once = OK_CALLS + NOT_FOUND_CALLS + UNAVAILABLE_CALLS;
        int retried = once + UNAVAILABLE_CALLS;
        return Stream.of(
                Arguments.of("jdk-send", refused, jdkTimeout, once),
                Arguments.of("jdk-send-async", refused, jdkTimeout, once),
                Arguments.of("url-connection", refused, readTimeout, once),
                Arguments.of("apache5", apache5Refused, readTimeout, retried),
                Arguments.of("apache5-async", apache5Refused, readTimeout, retried),
                Arguments.of("apache4", "org.apache.http.conn.HttpHostConnectException", readTimeout, once),
                Arguments.of("okhttp", refused, readTimeout, once),
                Arguments.of("okhttp-enqueue", refused, readTimeout, once),
                // Spring over the JDK client enforces its own timeout by cancelling the JDK's future.
                Arguments.of("spring-restclient-jdk", refused, "java.util.concurrent.CancellationException", once),
                Arguments.of("spring-resttemplate-url-connection", refused, readTimeout, once),
                Arguments.of("spring-restclient-apache5", apache5Refused, readTimeout, retried),
                // Reactor Netty, alone and under Spring's clients: its response timeout closes the connection.
                Arguments.of("reactor-netty", nettyRefused, nettyTimeout, once),
                Arguments.of("spring-webclient", nettyRefused, nettyTimeout, once),
                Arguments.of("spring-restclient-reactor", nettyRefused, nettyTimeout, once),
                Arguments.of("spring-resttemplate-reactor", nettyRefused, nettyTimeout, once));
    }

    @BeforeAll
    static void startTheAppAndItsUpstreams() {
        upstream = EchoServer.start();
        silent = SilentServer.start();
        refusedPort = AppProcess.freePort();
        appPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = AppProcess.jar(Artifacts.appJar("clients-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg(Integer.toString(appPort))
                .start();
        app.awaitHttp(appPort, "/call?client=none&url=none", Duration.ofSeconds(60));
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopAll() {
        if (app != null) {
            app.close();
        }
        if (silent != null) {
            silent.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void eachCallIsCountedOnceByStatusAndErrorTypeAndCarriesTheTrace(String client, String refusedType, String timeoutType,
                                                                     int upstreamRequests) {
        Scrape before = Scrape.fetch(metricsPort);
        upstream.clear();
        String echo = "http://127.0.0.1:" + upstream.port();

        call(client, echo + "/echo?" + SECRET, OK_CALLS, "status 200");
        call(client, echo + "/status/404?" + SECRET, NOT_FOUND_CALLS, "status 404");
        call(client, echo + "/status/503", UNAVAILABLE_CALLS, "status 503");
        call(client, "http://127.0.0.1:" + refusedPort + "/echo", REFUSED_CALLS, null);
        call(client, "http://127.0.0.1:" + silent.port() + "/echo", SILENT_CALLS, null);

        Scrape after = Scrape.await(metricsPort,
                scrape -> scrape.value(COUNT, Map.of()) - before.value(COUNT, Map.of()) >= ALL_CALLS
                        && scrape.value(PER_REQUEST_COUNT, Map.of()) - before.value(PER_REQUEST_COUNT, Map.of()) >= ALL_CALLS,
                Duration.ofSeconds(15));
        String shown = after.lines("http_client_request_duration_seconds_count");
        assertThat(delta(before, after, COUNT, Map.of())).as(shown).isEqualTo(ALL_CALLS);
        assertThat(delta(before, after, COUNT, series(upstream.port(), "200", ""))).as(shown).isEqualTo(OK_CALLS);
        assertThat(delta(before, after, COUNT, series(upstream.port(), "404", "404"))).as(shown).isEqualTo(NOT_FOUND_CALLS);
        assertThat(delta(before, after, COUNT, series(upstream.port(), "503", "503"))).as(shown).isEqualTo(UNAVAILABLE_CALLS);
        assertThat(delta(before, after, COUNT, series(refusedPort, "", refusedType))).as(shown).isEqualTo(REFUSED_CALLS);
        assertThat(delta(before, after, COUNT, series(silent.port(), "", timeoutType))).as(shown).isEqualTo(SILENT_CALLS);
        assertThat(after.text()).as("no query string in any label").doesNotContain("hunter2");

        List<EchoServer.Call> arrived = upstream.calls();
        assertThat(arrived).hasSize(upstreamRequests);
        assertThat(arrived).allSatisfy(call -> assertThat(Traceparent.parse(call.traceparent()).isPresent())
                .as("traceparent %s", call.traceparent()).isTrue());

        // Each /call made one call: its client time is on the app's route, a timed-out call's second included.
        Map<String, String> route = Map.of("http_route", "/call");
        assertThat(delta(before, after, PER_REQUEST_COUNT, route)).as(after.lines(PER_REQUEST_COUNT)).isEqualTo(ALL_CALLS);
        assertThat(delta(before, after, PER_REQUEST_SUM, route)).as(after.lines(PER_REQUEST_SUM)).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aReactorNettyCallTheApplicationGivesUpOnIsCountedOnceAsCancelled() {
        Scrape before = Scrape.fetch(metricsPort);
        int calls = 2;

        for (int i = 0; i < calls; i++) {
            Http.Response response = Http.get(appPort, "/call?client=reactor-netty-cancelled&url="
                    + URLEncoder.encode("http://127.0.0.1:" + silent.port() + "/echo", StandardCharsets.UTF_8));
            assertThat(response.body()).as(response.toString()).isEqualTo("error java.util.concurrent.TimeoutException");
        }

        Map<String, String> cancelled = series(silent.port(), "", "java.util.concurrent.CancellationException");
        Scrape after = Scrape.awaitValue(metricsPort, COUNT, cancelled, before.value(COUNT, cancelled) + calls);
        String shown = after.lines(COUNT);
        assertThat(delta(before, after, COUNT, cancelled)).as(shown).isEqualTo(calls);
        assertThat(delta(before, after, COUNT, Map.of())).as(shown).isEqualTo(calls);
        assertThat(delta(before, after, PER_REQUEST_COUNT, Map.of("http_route", "/call")))
                .as(after.lines(PER_REQUEST_COUNT)).isEqualTo(calls);
    }

    @Test
    void everyLibraryLoadsWithoutAnInstrumentationError() {
        // Netty looks for Log4j2 (absent here) when no SLF4J provider is: its Log4J2Logger cannot be parsed, and
        // no instrumentation may need to. Hook errors would show here too, after the other tests.
        assertThat(Scrape.fetch(metricsPort).samples("vigil_agent_errors_total", Map.of()))
                .as("the agent's own errors%n%s", app.stderr()).isEmpty();
    }

    @Test
    void theOverviewPageListsEachServerCalledAsADependency() {
        call("jdk-send", "http://127.0.0.1:" + upstream.port() + "/echo", OK_CALLS, "status 200");
        call("jdk-send", "http://127.0.0.1:" + upstream.port() + "/status/503", UNAVAILABLE_CALLS, "status 503");
        Map<String, String> peer = Map.of("server_address", "127.0.0.1", "server_port", Integer.toString(upstream.port()));
        Scrape scrape = Scrape.fetch(metricsPort);
        double calls = scrape.value(COUNT, peer);
        double failed = calls - scrape.value(COUNT, Map.of("server_address", "127.0.0.1",
                "server_port", Integer.toString(upstream.port()), "error_type", ""));

        Http.Response overview = Http.get(metricsPort, "/vigil/overview.json");

        assertThat(overview.status()).as(overview.toString()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode dependency : json(overview.body()).path("dependencies")) {
            if (dependency.path("server_port").asText().equals(Integer.toString(upstream.port()))) {
                row = dependency;
            }
        }
        assertThat(row).as("the upstream's row in %s", overview.body()).isNotNull();
        assertThat(row.path("server_address").asText()).isEqualTo("127.0.0.1");
        assertThat(row.path("count").asDouble()).as("calls, as /metrics counts them").isEqualTo(calls);
        assertThat(row.path("error_percent").asDouble()).as("failed share").isCloseTo(100.0 * failed / calls, within(1e-9));
        assertThat(row.path("p95_ms").isNumber()).as("p95 of %s", row).isTrue();
        assertThat(overview.body()).doesNotContain("hunter2");
    }

    private static void call(String client, String url, int times, String expectedAnswer) {
        for (int i = 0; i < times; i++) {
            Http.Response response = Http.get(appPort, "/call?client=" + client + "&url="
                    + URLEncoder.encode(url, StandardCharsets.UTF_8));
            assertThat(response.status()).as("%s %s: %s", client, url, response).isEqualTo(200);
            if (expectedAnswer != null) {
                assertThat(response.body()).as("%s %s", client, url).isEqualTo(expectedAnswer);
            } else {
                assertThat(response.body()).as("%s %s", client, url).startsWith("error ");
            }
        }
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    private static Map<String, String> series(int port, String status, String errorType) {
        Map<String, String> labels = new HashMap<>();
        labels.put("http_request_method", "GET");
        labels.put("server_address", "127.0.0.1");
        labels.put("server_port", Integer.toString(port));
        labels.put("http_response_status_code", status);
        labels.put("error_type", errorType);
        return labels;
    }

    private static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    /** Accepts connections and never answers, until closed: every call to it times out. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        private SilentServer(ServerSocket socket) {
            this.socket = socket;
        }

        static SilentServer start() {
            try {
                SilentServer server = new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
                Thread acceptor = new Thread(server::acceptForever, "silent-server");
                acceptor.setDaemon(true);
                acceptor.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        private void acceptForever() {
            while (!socket.isClosed()) {
                try {
                    accepted.add(socket.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
                for (Socket connection : accepted) {
                    connection.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
