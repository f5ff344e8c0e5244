package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * {@code GET /login?user=&password=&card=}: the careless way, with the values written into the SQL as
 * literals, so that whatever the agent shows of a statement is tested against real secrets.
 */
final class Login implements HttpHandler {
    private final Database database;
    private final Vault vault;

    Login(Database database, Vault vault) {
        this.database = database;
        this.vault = vault;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = Replies.query(exchange);
        String user = query.getOrDefault("user", "");
        String password = query.getOrDefault("password", "");
        String card = query.getOrDefault("card", "");
        Connection connection = database.borrow();
        try (Statement statement = connection.createStatement()) {
            boolean known;
            try (ResultSet rows = statement.executeQuery("SELECT name FROM users WHERE name = '" + user
                    + "' AND password = '" + password + "' /* login attempt with " + password + " */")) {
                known = rows.next();
            }
            statement.executeUpdate("UPDATE users SET card = '" + card + "' WHERE name = '" + user + "'");
            // A broken statement whose error message repeats the literal: H2 puts the SQL into it.
            try {
                statement.execute("SELECT nope FROM users WHERE card = '" + card + "'");
            } catch (SQLException expected) {
                // the app knows this one fails
            }
            Replies.send(exchange, known ? 200 : 403, vault.reachable() ? "checked" : "vault down");
        } catch (SQLException e) {
            Replies.send(exchange, 500, "failed: " + e.getSQLState());
        } finally {
            database.release(connection);
        }
    }
}
