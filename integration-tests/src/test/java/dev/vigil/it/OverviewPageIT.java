package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Chromium;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Traceparent;
import org.junit.jupiter.api.Test;

/**
 * The built-in overview page at {@code http://HOST:9464/}, as a user's browser shows it: the example
 * shop under the agent gets a known mix of requests, then Debian's Chromium (headless) loads the page,
 * runs its script (which reads {@code /vigil/overview.json}) and hands back the rendered DOM and a
 * screenshot ({@code target/overview.png}, kept for looking at).
 *
 * <p>Without Chromium the test is skipped, or fails with {@code VIGIL_REQUIRE_SERVICES=1} (CI, where
 * {@code .ci/run} installs it).
 */
class OverviewPageIT {
    private static final String SECRET = "s3cr3t-qs-41";
    private static final int ITEM_REQUESTS = 7;
    private static final int BOOMS = 3;
    private static final int ORDERS = 12;

    @Test
    void showsRoutesErrorsAnNPlusOneAndBusinessEventsInARealBrowser(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path chromium = Chromium.require();
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        Path vigilYaml = Files.writeString(dir.resolve("vigil.yaml"), """
                events:
                  order.placed: { http: "POST /orders", status: 2xx }
                  order.logged: { log: { logger: "dev.vigil.examples.httpserver.ShopApp", message: "order * placed" } }
                """);
        try (AppProcess app = HttpServerExample.onPort(appPort).withAgent().sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.http.routes", "/boom") // it never answers 2xx: a declared route
                .sysProp("vigil.config", vigilYaml).start()) {
            HttpServerExample.awaitReady(app, appPort);
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));

            for (int i = 0; i < ITEM_REQUESTS; i++) {
                // A query string with a secret in it: the page must show the route, never the query.
                Http.Response item = Http.get(appPort, "/items/" + (1 + i % HttpServerExample.ITEMS) + "?ref=" + SECRET);
                assertThat(item.status()).as(item.toString()).isEqualTo(200);
            }
            for (int i = 0; i < BOOMS; i++) {
                // The JDK server drops the connection when a handler throws; the agent counts a 500.
                dropped(appPort, "/boom");
            }
            for (int i = 0; i < ORDERS; i++) {
                Http.Response order = Http.post(appPort, "/orders", "item=" + (1 + i % HttpServerExample.ITEMS) + "&qty=1",
                        "application/x-www-form-urlencoded");
                assertThat(order.status()).as(order.toString()).isEqualTo(201);
            }
            Traceparent caller = Traceparent.random();
            Http.Response recent = Http.send(Http.request(appPort, "/orders/recent")
                    .header("traceparent", caller.header()).GET().build());
            assertThat(recent.status()).as(recent.toString()).isEqualTo(200);
            assertThat(Http.get(appPort, "/search?q=" + SECRET).status()).isEqualTo(200);
            Scrape.awaitValue(metricsPort, Contract.HTTP_COUNT, Map.of("http_route", "/items/{id}"), ITEM_REQUESTS);
            Scrape.awaitValue(metricsPort, Contract.HTTP_COUNT, Map.of("http_route", "/boom"), BOOMS);
            Scrape.awaitValue(metricsPort, Contract.DB_N_PLUS_ONE, Map.of("http_route", "/orders/recent"), 1);

            Http.Response page = Http.get(metricsPort, "/");
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(Http.get(metricsPort, "/no-such-page").status()).as("other paths stay unknown").isEqualTo(404);

            String url = "http://127.0.0.1:" + metricsPort + "/";
            String dom = Chromium.run(chromium, List.of("--dump-dom", url), app);

            List<String> items = row(dom, "tr", "data-route=\"/items/{id}\"");
            assertThat(items).as("the /items/{id} row: method, route, req/s, errors, p50, p95, p99, db, calls, count\n" + dom)
                    .hasSize(10);
            assertThat(items.get(0)).isEqualTo("GET");
            assertThat(items.get(3)).as("no 5xx on /items/{id}").isEqualTo("0.0%");
            assertThat(items.get(9)).as("exactly the requests sent").isEqualTo(String.valueOf(ITEM_REQUESTS));
            assertThat(Double.parseDouble(items.get(4))).as("p50 ms").isPositive();
            List<String> boom = row(dom, "tr", "data-route=\"/boom\"");
            assertThat(boom).as(dom).hasSize(10);
            assertThat(boom.get(3)).as("every /boom is a 500").isEqualTo("100.0%");
            assertThat(boom.get(9)).isEqualTo(String.valueOf(BOOMS));

            List<String> nPlusOne = row(dom, "tr", "data-event=\"n_plus_one\"");
            assertThat(nPlusOne).as("an N+1 event row\n" + dom).isNotEmpty();
            assertThat(nPlusOne).contains("N+1", "/orders/recent", "items", caller.traceId());
            assertThat(nPlusOne).anySatisfy(cell -> assertThat(cell).startsWith("SELECT name FROM items WHERE id = ?"));

            assertThat(dom).as("no literal or query string on the page").doesNotContain(SECRET).doesNotContain("ref=")
                    .doesNotContain("?q=");
            assertThat(dom).contains("/search").contains("heap-used");
            // Business events: per minute, successes, errors, success share.
            for (String event : List.of("order.placed", "order.logged")) {
                List<String> business = row(dom, "tr", "data-event=\"" + event + "\"");
                assertThat(business).as("the " + event + " row: event, per min, success, error, success %\n" + dom).hasSize(5);
                assertThat(business.get(0)).isEqualTo(event);
                assertThat(business.get(2)).as("every order placed").isEqualTo(String.valueOf(ORDERS));
                assertThat(business.get(3)).isEqualTo("0");
                assertThat(business.get(4)).isEqualTo("100.0%");
            }

            Path png = Paths.get("target", "overview.png").toAbsolutePath();
            Files.deleteIfExists(png);
            Chromium.run(chromium, List.of("--screenshot=" + png, "--window-size=1280,900", "--hide-scrollbars", url), app);
            assertThat(png).as("Chromium wrote the screenshot").isRegularFile();
            assertThat(Files.size(png)).as("a screenshot with content, not a blank page").isGreaterThan(10_000);
            assertThat(distinctColours(ImageIO.read(png.toFile()))).as("more than one flat colour").isGreaterThan(10);
        }
    }

    /** One GET on a raw socket: the JDK HttpClient would fail (or retry) on a dropped connection. */
    private static void dropped(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
        } catch (SocketException e) {
            // reset by the server: no response, as expected
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " on 127.0.0.1:" + port, e);
        }
    }

    // --- the browser ---





    /** The text of each cell of the first {@code <tag ... marker ...>} element in the DOM, unescaped. */
    private static List<String> row(String dom, String tag, String marker) {
        Matcher element = Pattern.compile("<" + tag + "[^>]*" + Pattern.quote(marker) + "[^>]*>(.*?)</" + tag + ">",
                Pattern.DOTALL).matcher(dom);
        List<String> cells = new ArrayList<>();
        if (element.find()) {
            Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(element.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                        .replace("&amp;", "&").trim());
            }
        }
        return cells;
    }

    private static long distinctColours(BufferedImage image) {
        assertThat(image).as("a PNG that ImageIO can decode").isNotNull();
        return Stream.iterate(0, y -> y < image.getHeight(), y -> y + 3)
                .flatMap(y -> Stream.iterate(0, x -> x < image.getWidth(), x -> x + 3).map(x -> image.getRGB(x, y)))
                .distinct().count();
    }


}
