package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code POST /sql}: executes every line of the body once, as it is, and answers
 * {@code executed=N failed=M}. Every fourth line goes through {@code prepareStatement}; if the database
 * refuses to prepare it, it is executed as a plain statement instead, so each line is executed exactly
 * once. The work is rolled back at the end: the database does not grow, whatever the lines insert.
 */
final class SqlFlood implements HttpHandler {
    private final Database database;

    SqlFlood(Database database) {
        this.database = database;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String[] lines = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        int executed = 0;
        int failed = 0;
        Connection connection = database.borrow();
        try {
            connection.setAutoCommit(false);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                executed++;
                if (!execute(connection, lines[i], i % 4 == 3)) {
                    failed++;
                }
            }
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            Replies.send(exchange, 500, "the connection failed: " + e.getSQLState());
            return;
        } finally {
            database.release(connection);
        }
        Replies.send(exchange, 200, "executed=" + executed + " failed=" + failed);
    }

    /** Executes {@code sql} once; false if the database said no. */
    private static boolean execute(Connection connection, String sql, boolean prepared) {
        if (prepared) {
            PreparedStatement statement;
            try {
                statement = connection.prepareStatement(sql);
            } catch (SQLException notPreparable) {
                return execute(connection, sql, false);
            }
            try (statement) {
                statement.execute();
                return true;
            } catch (SQLException e) {
                return false;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
