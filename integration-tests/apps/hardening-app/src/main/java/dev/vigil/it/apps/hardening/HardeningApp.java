package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * {@code java -jar hardening-app.jar PORT [PLAIN_PORT]}: a JDK HttpServer on 127.0.0.1:PORT that the
 * hardening tests throw everything at, and, on PLAIN_PORT, a hand-written HTTP server that calls the
 * same {@code HttpHandler} API with an exchange of its own ({@link PlainHttpServer}).
 *
 * <ul>
 *   <li>any path: 200 {@code ok} (404 under {@code /missing}), any method;</li>
 *   <li>{@code POST /sql}: executes each line of the body on H2, in a transaction rolled back at the end;</li>
 *   <li>{@code GET /db}: one prepared statement on H2;</li>
 *   <li>{@code GET /login?user=&password=&card=}: SQL with the values written into it as literals, and a
 *       second database opened with a password in its URL ({@code app.vault.password});</li>
 *   <li>{@code GET /jdbc/hostile}: statements on a JDBC connection of the app's own whose every other method throws;</li>
 *   <li>{@code GET /prio}: tasks through a priority thread pool that looks at its own tasks;</li>
 *   <li>{@code POST /register-late}: adds {@code /late}, served by a class loaded only then.</li>
 * </ul>
 * Prints {@code READY PORT} once it serves.
 */
public final class HardeningApp {
    private HardeningApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Database database = Database.start();
        Vault vault = Vault.open(System.getProperty("app.vault.password", "vault-default"));

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        server.createContext("/", new AnyPath());
        server.createContext("/served", exchange -> Replies.send(exchange, 200, String.valueOf(AnyPath.SERVED.get())));
        server.createContext("/sql", new SqlFlood(database));
        server.createContext("/db", new OneQuery(database));
        server.createContext("/login", new Login(database, vault));
        server.createContext("/jdbc/hostile", new HostileJdbc());
        server.createContext("/prio", new PriorityWork());
        server.createContext("/register-late", new RegisterLate(server));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();

        if (args.length > 1) {
            new PlainHttpServer(Integer.parseInt(args[1])).start();
        }
        System.out.println("READY " + port);
    }
}
