package dev.vigil.it.apps.helidon42;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Helidon SE 4 on its own web server, one virtual thread per request: {@code java -jar helidon42-app.jar PORT}.
 * Prints {@code helidon42-app listening} once it serves.
 */
public final class Helidon42App {
    private static final Logger LOG = LoggerFactory.getLogger(Helidon42App.class);

    private Helidon42App() {
    }

    public static void main(String[] args) {
        WebServer server = WebServer.builder()
                .port(Integer.parseInt(args[0]))
                .routing(routing -> routing
                        .get("/orders/{id}", (req, res) -> res.send("order " + req.path().pathParameters().get("id")))
                        .post("/orders", (req, res) -> res.status(Status.CREATED_201).send("created"))
                        .get("/orders/{id}/invalid", (req, res) -> res.status(Status.BAD_REQUEST_400).send("invalid"))
                        .get("/fail", (req, res) -> {
                            throw new IllegalStateException("the handler failed");
                        })
                        .get("/missing/{name}", (req, res) -> {
                            throw new IllegalArgumentException("no such thing");
                        })
                        .error(IllegalArgumentException.class, (req, res, e) -> res.status(Status.NOT_FOUND_404).send())
                        .get("/traced", (req, res) -> {
                            LOG.info("traced request answered");
                            res.send("traced");
                        })
                        .register("/api", new ItemsService()))
                .build()
                .start();
        System.out.println("helidon42-app listening on " + server.port());
    }

    /** A service registered under {@code /api}: its routes are matched below that prefix. */
    private static final class ItemsService implements HttpService {
        @Override
        public void routing(HttpRules rules) {
            rules.get("/items/{itemId}", (req, res) -> res.send("item " + req.path().pathParameters().get("itemId")));
        }
    }
}
