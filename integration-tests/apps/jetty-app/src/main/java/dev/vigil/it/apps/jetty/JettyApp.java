package dev.vigil.it.apps.jetty;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@code java -jar jetty-app.jar JAKARTA_PORT JAVAX_PORT}: the same four servlets twice, once on
 * Jetty's ee10 environment (jakarta.servlet 6) and once on ee8 (javax.servlet 4), on 127.0.0.1.
 *
 * <ul>
 *   <li>{@code GET /items/42}: 200</li>
 *   <li>{@code GET /async}: started async, completed ~50 ms later from another thread with 202</li>
 *   <li>{@code GET /boom}: throws {@link BoomException} out of the servlet</li>
 *   <li>{@code GET /status?code=503}: answers that status</li>
 * </ul>
 */
public final class JettyApp {

    /** How long the async servlets wait before completing: tests check the recorded time covers it. */
    static final long ASYNC_DELAY_MILLIS = 50;

    private JettyApp() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -jar jetty-app.jar JAKARTA_PORT JAVAX_PORT");
            System.exit(2);
        }
        int jakartaPort = Integer.parseInt(args[0]);
        int javaxPort = Integer.parseInt(args[1]);
        ScheduledExecutorService completer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "async-completer");
            t.setDaemon(true);
            return t;
        });

        Server jakarta = server(jakartaPort);
        jakarta.setHandler(JakartaServlets.context(completer));
        Server javax = server(javaxPort);
        javax.setHandler(JavaxServlets.context(completer).get());

        jakarta.start();
        javax.start();
        System.out.println("jetty-app listening: ee10 (jakarta) on 127.0.0.1:" + jakartaPort
                + ", ee8 (javax) on 127.0.0.1:" + javaxPort);
        jakarta.join();
        javax.join();
    }

    private static Server server(int port) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setStopAtShutdown(true);
        return server;
    }
}
