package dev.vigil.it.apps.javalin;

import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Javalin 7 on its Jetty server: {@code java -jar javalin-app.jar PORT}. Prints {@code javalin-app listening}. */
public final class JavalinApp {
    private static final Logger LOG = LoggerFactory.getLogger(JavalinApp.class);

    private JavalinApp() {
    }

    public static void main(String[] args) {
        Javalin.create(config -> {
            config.routes.before("/orders/*", ctx -> ctx.header("X-Seen", "yes"));
            config.routes.get("/orders/{id}", ctx -> ctx.result("order " + ctx.pathParam("id")));
            config.routes.post("/orders", ctx -> ctx.status(201).result("created"));
            config.routes.get("/orders/{id}/invalid", ctx -> ctx.status(400).result("invalid"));
            config.routes.get("/fail", ctx -> {
                throw new IllegalStateException("the handler failed");
            });
            config.routes.get("/missing/{name}", ctx -> {
                throw new IllegalArgumentException("no such thing");
            });
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(404).result("missing"));
            config.routes.get("/traced", ctx -> {
                LOG.info("traced request answered");
                ctx.result("traced");
            });
        }).start(Integer.parseInt(args[0]));
        System.out.println("javalin-app listening");
    }
}
