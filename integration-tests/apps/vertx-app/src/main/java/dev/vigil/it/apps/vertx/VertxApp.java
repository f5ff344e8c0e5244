package dev.vigil.it.apps.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar vertx-app.jar WEB_PORT CORE_PORT}: a Vert.x Web router on the first port, a plain Vert.x core
 * request handler (no router, so no route names) on the second.
 */
public final class VertxApp {
    /** How long {@code /orders/:id/slow} waits, on a timer, before it answers. */
    static final long SLOW_MILLIS = 300;

    private static final Logger LOG = LoggerFactory.getLogger(VertxApp.class);

    private VertxApp() {
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        // Middleware without a path: matched by every request, names no route.
        router.route().handler(BodyHandler.create());
        router.get("/orders/:id").handler(ctx -> ctx.response().end("order"));
        router.post("/orders").handler(ctx -> ctx.response().setStatusCode(201).end());
        router.get("/orders/:id/slow").handler(ctx -> vertx.setTimer(SLOW_MILLIS, timer -> ctx.response().end("slow")));
        router.get("/orders/:id/invalid").handler(ctx -> ctx.response().setStatusCode(400).end("invalid"));
        router.get("/fail").handler(ctx -> {
            throw new IllegalStateException("deliberate");
        });
        router.get("/hang").handler(ctx -> System.out.println("hanging " + ctx.request().path()));
        // Callbacks the handler leaves behind, run after it returned: their log lines are in the request's trace.
        router.get("/traced/timer").handler(ctx -> vertx.setTimer(50, timer -> {
            LOG.info("timer fired");
            ctx.response().end("timer");
        }));
        router.get("/traced/future").handler(ctx -> vertx.executeBlocking(() -> {
            sleep(50);
            return "future";
        }).onComplete(result -> {
            // The future is the request context's: Vert.x runs its listener there, on the event loop.
            LOG.info("future completed");
            ctx.response().end(result.result());
        }));
        Router api = Router.router(vertx);
        api.get("/items/:itemId").handler(ctx -> ctx.response().end("item"));
        router.route("/api/*").subRouter(api);

        HttpServer web = vertx.createHttpServer().requestHandler(router);
        HttpServer core = vertx.createHttpServer().requestHandler(request -> request.response().end("plain"));
        web.listen(Integer.parseInt(args[0]), "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        core.listen(Integer.parseInt(args[1]), "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("vertx-app listening");
    }
}
