package dev.vigil.it.apps.vertx4;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar vertx4-sql-app.jar PORT}: Vert.x 4's core HTTP server, each path one use of the reactive
 * PostgreSQL client's callback methods ({@code execute(Tuple, Handler)} and its kin), as Quarkus' Mutiny clients
 * call them. The pool connects on first use, so the app starts without the database.
 */
public final class Vertx4SqlApp {
    private static final Logger LOG = LoggerFactory.getLogger(Vertx4SqlApp.class);

    private Vertx4SqlApp() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        PgPool postgres = PgPool.pool(vertx,
                new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setDatabase("test").setUser("postgres"),
                new PoolOptions().setMaxSize(4));
        vertx.createHttpServer().requestHandler(request -> {
            switch (request.path()) {
                case "/tables" -> postgres.preparedQuery("SELECT count(*) FROM pg_class WHERE relkind = $1")
                        .execute(Tuple.of(request.getParam("kind")), rows -> {
                            if (rows.failed()) {
                                fail(request, rows.cause());
                                return;
                            }
                            LOG.info("tables counted");
                            request.response().end(String.valueOf(rows.result().iterator().next().getLong(0)));
                        });
                case "/broken" -> postgres.query("SELECT name FROM no_such_table WHERE id = 42").execute(rows -> {
                    if (rows.failed()) {
                        fail(request, rows.cause());
                    } else {
                        request.response().end("?");
                    }
                });
                case "/batch" -> postgres.preparedQuery("SELECT $1::int + 1")
                        .executeBatch(List.of(Tuple.of(1), Tuple.of(2), Tuple.of(3)), rows -> request.response().end("batch"));
                default -> request.response().setStatusCode(404).end();
            }
        }).listen(Integer.parseInt(args[0]), "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("vertx4-sql-app listening");
    }

    private static void fail(HttpServerRequest request, Throwable cause) {
        LOG.info("query failed: " + cause.getClass().getName());
        request.response().setStatusCode(500).end();
    }
}
