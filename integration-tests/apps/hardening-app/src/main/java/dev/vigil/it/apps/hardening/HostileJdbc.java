package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code GET /jdbc/hostile}: six executions on {@link HostileConnection} (execute, executeQuery,
 * executeUpdate, one batch, a prepared query, and one that fails with {@link HostileSqlException}, caught
 * here), then 200 {@code statements=5 failed=1}.
 */
final class HostileJdbc implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        int statements = 0;
        int failed = 0;
        try (HostileConnection connection = new HostileConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1 FROM gadgets");
                statement.executeQuery("SELECT name FROM gadgets WHERE id = 7");
                statement.executeUpdate("UPDATE gadgets SET name = 'x' WHERE id = 7");
                statement.addBatch("INSERT INTO gadgets VALUES (1)");
                statement.addBatch("INSERT INTO gadgets VALUES (2)");
                statement.executeBatch();
                statements += 4;
                try {
                    statement.execute("SELECT FAIL FROM gadgets");
                } catch (SQLException expected) {
                    failed++;
                }
            }
            try (PreparedStatement prepared = connection.prepareStatement("SELECT name FROM gadgets WHERE id = ?")) {
                prepared.setInt(1, 7);
                prepared.executeQuery();
                statements++;
            }
        } catch (SQLException | RuntimeException e) {
            Replies.send(exchange, 500, "the app's own JDBC failed: " + e.getClass().getName());
            return;
        }
        Replies.send(exchange, 200, "statements=" + statements + " failed=" + failed);
    }
}
