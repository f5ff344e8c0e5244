package dev.vigil.it.apps.javalin6;

import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Javalin 6 on its Jetty server: {@code java -jar javalin6-app.jar PORT}. Prints {@code javalin6-app listening}. */
public final class Javalin6App {
    private static final Logger LOG = LoggerFactory.getLogger(Javalin6App.class);

    private Javalin6App() {
    }

    public static void main(String[] args) {
        Javalin app = Javalin.create();
        app.before("/orders/*", ctx -> ctx.header("X-Seen", "yes"));
        app.get("/orders/{id}", ctx -> ctx.result("order " + ctx.pathParam("id")));
        app.post("/orders", ctx -> ctx.status(201).result("created"));
        app.get("/orders/{id}/invalid", ctx -> ctx.status(400).result("invalid"));
        app.get("/fail", ctx -> {
            throw new IllegalStateException("the handler failed");
        });
        app.get("/missing/{name}", ctx -> {
            throw new IllegalArgumentException("no such thing");
        });
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(404).result("missing"));
        app.get("/traced", ctx -> {
            LOG.info("traced request answered");
            ctx.result("traced");
        });
        app.start(Integer.parseInt(args[0]));
        System.out.println("javalin6-app listening");
    }
}
