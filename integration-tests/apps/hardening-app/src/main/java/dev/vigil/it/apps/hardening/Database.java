package dev.vigil.it.apps.hardening;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An in-memory H2 database with tables {@code t0} to {@code t49} (id, name, amount, note; ten rows each)
 * and {@code users}, and a fixed set of connections handed out one per request.
 */
final class Database {
    static final int TABLES = 50;
    private static final String URL = "jdbc:h2:mem:hardening;DB_CLOSE_DELAY=-1";
    private static final int CONNECTIONS = 8;

    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(CONNECTIONS);

    private Database() {
    }

    static Database start() throws SQLException {
        Database database = new Database();
        for (int i = 0; i < CONNECTIONS; i++) {
            database.idle.add(DriverManager.getConnection(URL, "sa", ""));
        }
        Connection connection = database.borrow();
        try (Statement statement = connection.createStatement()) {
            for (int t = 0; t < TABLES; t++) {
                statement.execute("CREATE TABLE t" + t + " (id INT, name VARCHAR(200), amount DECIMAL(12, 2), note VARCHAR(200))");
                statement.execute("INSERT INTO t" + t + " SELECT x, 'name' || x, x * 1.5, 'note' FROM SYSTEM_RANGE(1, 10)");
            }
            statement.execute("CREATE TABLE users (name VARCHAR(100), password VARCHAR(100), card VARCHAR(40))");
            statement.execute("INSERT INTO users VALUES ('alice', 'correct horse', '0000-0000')");
        } finally {
            database.release(connection);
        }
        return database;
    }

    Connection borrow() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a connection", e);
        }
    }

    void release(Connection connection) {
        idle.add(connection);
    }
}
