package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code GET /db}: one prepared statement, answered with its result. */
final class OneQuery implements HttpHandler {
    private final Database database;

    OneQuery(Database database) {
        this.database = database;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Connection connection = database.borrow();
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM t0 WHERE amount > ?")) {
            statement.setInt(1, 3);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Replies.send(exchange, 200, "rows=" + rows.getInt(1));
            }
        } catch (SQLException e) {
            Replies.send(exchange, 500, "failed: " + e.getSQLState());
        } finally {
            database.release(connection);
        }
    }
}
