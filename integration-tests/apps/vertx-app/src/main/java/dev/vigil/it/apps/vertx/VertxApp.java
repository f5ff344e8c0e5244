package dev.vigil.it.apps.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
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
        // The reactive PostgreSQL client: a pool that connects on first use, so the app starts without the database.
        Pool postgres = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setDatabase("test").setUser("postgres"))
                .using(vertx).build();
        router.get("/pg/tables/:kind").handler(ctx -> postgres.preparedQuery("SELECT count(*) FROM pg_class WHERE relkind = $1")
                .execute(Tuple.of(ctx.pathParam("kind")))
                .onSuccess(rows -> {
                    LOG.info("tables counted");
                    ctx.response().end(String.valueOf(rows.iterator().next().getLong(0)));
                })
                .onFailure(ctx::fail));
        // One query, then one per row it found, in turn: the reactive N+1.
        router.get("/pg/types").handler(ctx -> postgres.query("SELECT oid::int8 FROM pg_type ORDER BY oid LIMIT 12")
                .mapping(row -> row.getLong(0)).execute()
                .compose(oids -> {
                    io.vertx.core.Future<Void> each = io.vertx.core.Future.succeededFuture();
                    for (long oid : oids) {
                        each = each.compose(done -> postgres.preparedQuery("SELECT typname FROM pg_type WHERE oid = $1::int8")
                                .execute(Tuple.of(oid)).mapEmpty());
                    }
                    return each;
                })
                .onSuccess(done -> ctx.response().end("types"))
                .onFailure(ctx::fail));
        router.get("/pg/broken").handler(ctx -> postgres.query("SELECT name FROM no_such_table WHERE id = 42").execute()
                .onSuccess(rows -> ctx.response().end("?"))
                .onFailure(ctx::fail));
        router.get("/pg/batch").handler(ctx -> postgres.preparedQuery("SELECT $1::int + 1")
                .executeBatch(java.util.List.of(Tuple.of(1), Tuple.of(2), Tuple.of(3), Tuple.of(4), Tuple.of(5)))
                .onSuccess(rows -> ctx.response().end("batch"))
                .onFailure(ctx::fail));
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
