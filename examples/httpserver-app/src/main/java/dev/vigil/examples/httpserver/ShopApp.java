package dev.vigil.examples.httpserver;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A small shop with no framework at all: the JDK's {@code HttpServer} and plain JDBC.
 *
 * <pre>
 * java -javaagent:vigil-agent.jar -jar httpserver-app.jar
 * java -javaagent:vigil-agent.jar -Dapp.jdbc.url=jdbc:postgresql://127.0.0.1:5432/test \
 *      -Dapp.jdbc.user=postgres -jar httpserver-app.jar
 * </pre>
 *
 * Configured by system properties: {@code app.port} (8080; 0 picks a free port),
 * {@code app.jdbc.url} (an in-memory H2 database), {@code app.jdbc.user}, {@code app.jdbc.password},
 * {@code app.events} (rows seeded into the events table at start, 0).
 * Prints {@code READY <port>} once it accepts requests.
 */
public final class ShopApp {
    private static final Logger LOG = LoggerFactory.getLogger(ShopApp.class);


    private ShopApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.getInteger("app.port", 8080);
        Shop shop = new Shop(
                System.getProperty("app.jdbc.url", "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1"),
                System.getProperty("app.jdbc.user", ""),
                System.getProperty("app.jdbc.password", ""));
        shop.resetSchema();
        shop.seedEvents(Integer.getInteger("app.events", 0));

        Router router = new Router()
                .get("/health", request -> Response.ok("{\"status\":\"up\"}"))
                .get("/items", request -> Response.ok(Json.array(shop.items())))
                .get("/items/{id}", request -> shop.item(request.intPathParam())
                        .map(item -> Response.ok(item.toJson()))
                        .orElse(Response.notFound()))
                .post("/orders", request -> {
                    long id = shop.placeOrder(request.intParam("item", null), request.intParam("qty", null));
                    LOG.info("order {} placed", id);
                    return new Response(201, "{\"order\":" + id + "}");
                })
                .post("/orders/batch", request -> {
                    int count = request.intParam("n", null);
                    if (count < 1 || count > 10_000) {
                        throw new Request.BadRequest("n must be between 1 and 10000");
                    }
                    shop.placeOrders(request.intParam("item", 1), request.intParam("qty", 1), count);
                    return new Response(201, "{\"orders\":" + count + "}");
                })
                // A filter on an unindexed column (a full scan), and a primary-key lookup.
                .get("/events", request -> Response.ok("{\"count\":" + shop.countEvents(request.param("kind", "")) + "}"))
                .get("/events/{id}", request -> shop.eventKind(request.intPathParam())
                        .map(kind -> Response.ok("{\"kind\":" + Json.string(kind) + "}"))
                        .orElse(Response.notFound()))
                .get("/search", request -> Response.ok(Json.array(shop.search(request.param("q", "")))))
                .get("/report", request -> Response.ok(shop.report().toJson()))
                // A slow statement on purpose (bounded: at most 5 s).
                .get("/slow", request -> {
                    int millis = request.intParam("ms", 600);
                    if (millis < 1 || millis > 5_000) {
                        throw new Request.BadRequest("ms must be between 1 and 5000");
                    }
                    shop.slowQuery(millis);
                    return Response.ok("{\"slept_ms\":" + millis + "}");
                })
                // An N+1 on purpose: one query per order.
                .get("/orders/recent", request -> Response.ok(
                        shop.recentOrders().stream().map(Json::string).collect(Collectors.joining(",", "[", "]"))))
                // Both below fail on purpose, so that the errors can be seen in the metrics.
                .get("/bad-sql", request -> {
                    shop.brokenQuery();
                    return Response.ok("{}");
                })
                .get("/boom", request -> {
                    throw new RuntimeException("boom: a bug that escapes the handler");
                });

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", router);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("READY " + server.getAddress().getPort());
    }
}
