package dev.vigil.it.apps.jooby;

import io.jooby.Jooby;
import io.jooby.Server;
import io.jooby.ServerOptions;
import io.jooby.StatusCode;
import io.jooby.jetty.JettyServer;
import io.jooby.netty.NettyServer;
import io.jooby.undertow.UndertowServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jooby 3: {@code java -jar jooby-app.jar PORT [netty|undertow|jetty]}, on the server named (Netty by default). Prints
 * {@code jooby-app listening} once it serves.
 */
public final class JoobyApp extends Jooby {
    private static final Logger LOG = LoggerFactory.getLogger(JoobyApp.class);

    {
        before(ctx -> ctx.setResponseHeader("X-Seen", "yes"));
        get("/orders/{id}", ctx -> "order " + ctx.path("id").value());
        post("/orders", ctx -> ctx.setResponseCode(StatusCode.CREATED).send("created"));
        get("/orders/{id}/invalid", ctx -> ctx.setResponseCode(StatusCode.BAD_REQUEST).send("invalid"));
        get("/fail", ctx -> {
            throw new IllegalStateException("the handler failed");
        });
        get("/missing/{name}", ctx -> {
            throw new IllegalArgumentException("no such thing");
        });
        error(IllegalArgumentException.class, (ctx, cause, code) -> ctx.setResponseCode(StatusCode.NOT_FOUND)
                .send("missing"));
        get("/traced", ctx -> {
            LOG.info("traced request answered");
            return "traced";
        });
    }

    public static void main(String[] args) {
        Server server = switch (args.length > 1 ? args[1] : "netty") {
            case "jetty" -> new JettyServer();
            case "undertow" -> new UndertowServer();
            default -> new NettyServer();
        };
        ServerOptions options = new ServerOptions().setPort(Integer.parseInt(args[0]));
        options.setHost("127.0.0.1");
        server.setOptions(options);
        server.start(new JoobyApp());
        System.out.println("jooby-app listening");
    }
}
