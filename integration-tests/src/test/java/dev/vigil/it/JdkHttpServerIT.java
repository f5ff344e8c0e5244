package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDK's own {@code com.sun.net.httpserver.HttpServer}, as the example shop uses it, under the
 * agent: every request counted once, under a route that does not grow with ids, with its status
 * and, when the handler throws, the exception's class.
 *
 * <p>One app for the class; each test uses its own route, so the counts are absolute.
 */
class JdkHttpServerIT {

    private static final String COUNT = "http_server_request_duration_seconds_count";
    private static final String BUCKET = "http_server_request_duration_seconds_bucket";
    private static final int THREADS = 8;

    private static AppProcess app;
    private static int appPort;
    private static int metricsPort;

    @BeforeAll
    static void startTheShopUnderTheAgent() {
        appPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = HttpServerExample.onPort(appPort)
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                // /boom never answers 2xx, so only a declared route gives it a name of its own.
                .sysProp("vigil.http.routes", "/boom")
                .start();
        HttpServerExample.awaitReady(app, appPort);
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopTheShop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void countsEachRequestExactlyOnceUnderConcurrencyUnderItsRouteTemplate() {
        int requests = 400;

        Map<Integer, Integer> statuses = Http.hammer(requests, THREADS,
                i -> Http.request(appPort, "/items/" + (1 + i % HttpServerExample.ITEMS)).GET().build());

        assertThat(statuses).isEqualTo(Map.of(200, requests));
        Map<String, String> series = Map.of(
                "http_request_method", "GET",
                "http_route", "/items/{id}",
                "http_response_status_code", "200",
                "error_type", "");
        Scrape scrape = Scrape.awaitValue(metricsPort, COUNT, series, requests);
        assertThat(scrape.value(COUNT, series)).as(scrape.lines(COUNT)).isEqualTo(requests);
        assertThat(scrape.value(BUCKET, with(series, "le", "+Inf"))).as(scrape.lines(BUCKET)).isEqualTo(requests);
        assertThat(scrape.labelValues(COUNT, "http_route")).as(scrape.lines(COUNT))
                .noneMatch(route -> route.matches(".*/items/\\d+.*"));
    }

    @Test
    void countsPostedOrdersExactlyUnderConcurrency() {
        int requests = 300;

        Map<Integer, Integer> statuses = Http.hammer(requests, THREADS, i -> Http.request(appPort, "/orders")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("item=" + (1 + i % HttpServerExample.ITEMS) + "&qty=" + (1 + i % 3)))
                .build());

        assertThat(statuses).isEqualTo(Map.of(201, requests));
        Map<String, String> series = Map.of(
                "http_request_method", "POST",
                "http_route", "/orders",
                "http_response_status_code", "201",
                "error_type", "");
        Scrape scrape = Scrape.awaitValue(metricsPort, COUNT, series, requests);
        assertThat(scrape.value(COUNT, series)).as(scrape.lines(COUNT)).isEqualTo(requests);
    }

    @Test
    void anExceptionEscapingTheHandlerIsA500NamedByItsClass() {
        int requests = 10;

        for (int i = 0; i < requests; i++) {
            // The JDK server drops the connection when a handler throws: no response at all.
            assertThat(getOnce(appPort, "/boom")).isEmpty();
        }

        Map<String, String> series = Map.of(
                "http_request_method", "GET",
                "http_route", "/boom",
                "http_response_status_code", "500",
                "error_type", "java.lang.RuntimeException");
        Scrape scrape = Scrape.awaitValue(metricsPort, COUNT, series, requests);
        assertThat(scrape.value(COUNT, series)).as(scrape.lines(COUNT)).isEqualTo(requests);
        assertThat(scrape.value(COUNT, Map.of("http_route", "/boom"))).as(scrape.lines(COUNT)).isEqualTo(requests);
        assertThat(Http.get(appPort, "/health").status()).isEqualTo(200);
    }

    @Test
    void anUnknownPathIsA404CountedUnderNotFound() {
        int requests = 25;

        Map<Integer, Integer> statuses = Http.hammer(requests, 4,
                i -> Http.request(appPort, "/no/such/page-" + i + "/really").GET().build());

        assertThat(statuses).isEqualTo(Map.of(404, requests));
        Map<String, String> series = Map.of(
                "http_request_method", "GET",
                "http_route", "NOT_FOUND",
                "http_response_status_code", "404",
                "error_type", "");
        Scrape scrape = Scrape.awaitValue(metricsPort, COUNT, series, requests);
        assertThat(scrape.value(COUNT, series)).as(scrape.lines(COUNT)).isEqualTo(requests);
        assertThat(scrape.labelValues(COUNT, "http_route")).as(scrape.lines(COUNT))
                .noneMatch(route -> route.contains("such") || route.contains("page"));
    }

    /**
     * One GET on a connection of its own, returning whatever came back ("" for nothing). Not
     * {@link Http}: the JDK client silently retries a GET whose connection dropped, which would
     * send each request twice.
     */
    private static String getOnce(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketException e) {
            return ""; // reset by the server: no response either
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " on 127.0.0.1:" + port, e);
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(key, value);
        return more;
    }
}
