package dev.vigil.examples.httpserver;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shop's data, in plain JDBC. SQL is kept portable across H2, PostgreSQL, MariaDB, MySQL, HSQLDB and SQLite.
 * One connection per call keeps the example short; a real app would use a pool.
 */
final class Shop {

    record Item(int id, String name, BigDecimal price) implements Json.Writable {
        @Override
        public String toJson() {
            return "{\"id\":" + id + ",\"name\":" + Json.string(name) + ",\"price\":" + price.toPlainString() + "}";
        }
    }

    record Report(int itemsRepriced, int emptyOrdersRemoved) implements Json.Writable {
        @Override
        public String toJson() {
            return "{\"itemsRepriced\":" + itemsRepriced + ",\"emptyOrdersRemoved\":" + emptyOrdersRemoved + "}";
        }
    }

    private static final List<Item> CATALOGUE = List.of(
            new Item(1, "Desk lamp", new BigDecimal("24.50")),
            new Item(2, "Notebook", new BigDecimal("3.20")),
            new Item(3, "Fountain pen", new BigDecimal("41.00")),
            new Item(4, "Coffee mug", new BigDecimal("8.90")),
            new Item(5, "Bookshelf", new BigDecimal("119.00")));

    private static final String INSERT_ORDER = "INSERT INTO orders (id, item_id, qty) VALUES (?, ?, ?)";

    private final String url;
    private final String user;
    private final String password;
    /** MySQL and MariaDB read a backslash in a string literal as an escape character. */
    private final boolean backslashEscapes;
    /** Order ids come from here rather than an identity column, whose syntax differs per database. */
    private final AtomicLong lastOrderId = new AtomicLong();

    Shop(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.backslashEscapes = url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
    }

    /** Starts every run from the same catalogue and no orders. */
    void resetSchema() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            if (url.startsWith("jdbc:h2:")) { // (long): Java 19+ also has Thread.sleep(Duration)
                statement.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR \"java.lang.Thread.sleep(long)\"");
            }
            statement.execute("DROP TABLE IF EXISTS events");
            statement.execute("DROP TABLE IF EXISTS orders");
            statement.execute("DROP TABLE IF EXISTS items");
            statement.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, price DECIMAL(10, 2) NOT NULL)");
            statement.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, item_id INT NOT NULL, qty INT NOT NULL)");
            // No index on kind, on purpose: the index audit (vigil.db.explain.enabled) finds the full scan.
            statement.execute("CREATE TABLE events (id BIGINT PRIMARY KEY, kind VARCHAR(20) NOT NULL, created_at BIGINT NOT NULL)");
        }
        try (Connection connection = connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO items (id, name, price) VALUES (?, ?, ?)")) {
            for (Item item : CATALOGUE) {
                insert.setInt(1, item.id());
                insert.setString(2, item.name());
                insert.setBigDecimal(3, item.price());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** {@code rows} events of 20 kinds ({@code signup0} .. {@code signup19}), in batches. */
    void seedEvents(int rows) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO events (id, kind, created_at) VALUES (?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 1; i <= rows; i++) {
                insert.setLong(1, i);
                insert.setString(2, "signup" + (i % 20));
                insert.setLong(3, 1_700_000_000_000L + i * 1000L);
                insert.addBatch();
                if (i % 5000 == 0 || i == rows) {
                    insert.executeBatch();
                }
            }
            connection.commit();
        }
    }

    /** How many events of one kind: a filter on a column without an index, so a full scan. */
    long countEvents(String kind) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM events WHERE kind = ?")) {
            count.setString(1, kind);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** An item read inside a transaction, as a stock check before an order would: no read replica could serve it. */
    Optional<Item> itemInTransaction(int id) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("SELECT id, name, price FROM items WHERE id = ?")) {
                select.setInt(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    Optional<Item> item = rows.next() ? Optional.of(item(rows)) : Optional.empty();
                    connection.commit();
                    return item;
                }
            }
        }
    }

    /** One event by its primary key. */
    Optional<String> eventKind(long id) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement("SELECT kind FROM events WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    Optional<Item> item(int id) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement("SELECT id, name, price FROM items WHERE id = ?")) {
            select.setInt(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(item(rows)) : Optional.empty();
            }
        }
    }

    List<Item> items() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            return items(statement.executeQuery("SELECT id, name, price FROM items ORDER BY id"));
        }
    }

    /**
     * Deliberately NOT a PreparedStatement: the search text becomes a literal inside the SQL, which
     * is exactly what Vigil must never copy into a label or a log line. Quoting it keeps it safe.
     */
    List<Item> search(String text) throws SQLException {
        String sql = "SELECT id, name, price FROM items WHERE name LIKE " + literal("%" + text + "%") + " ORDER BY id";
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            return items(statement.executeQuery(sql));
        }
    }

    long placeOrder(int itemId, int qty) throws SQLException {
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(INSERT_ORDER)) {
            long id = lastOrderId.incrementAndGet();
            insert.setLong(1, id);
            insert.setInt(2, itemId);
            insert.setInt(3, qty);
            insert.executeUpdate();
            return id;
        }
    }

    /** {@code count} orders in one {@code executeBatch()}, all or nothing. */
    void placeOrders(int itemId, int qty, int count) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ORDER)) {
                for (int i = 0; i < count; i++) {
                    insert.setLong(1, lastOrderId.incrementAndGet());
                    insert.setInt(2, itemId);
                    insert.setInt(3, qty);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * The last 20 orders with their item's name, written the slow way on purpose: one query for the
     * orders, then one more per order (an N+1). Vigil reports it in vigil_db_n_plus_one_total and in its
     * log; the fix is one query with a JOIN.
     */
    List<String> recentOrders() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             PreparedStatement itemName = connection.prepareStatement("SELECT name FROM items WHERE id = ?");
             ResultSet orders = statement.executeQuery("SELECT id, item_id, qty FROM orders ORDER BY id DESC LIMIT 20")) {
            while (orders.next()) {
                itemName.setInt(1, orders.getInt("item_id"));
                try (ResultSet item = itemName.executeQuery()) {
                    String name = item.next() ? item.getString(1) : "?";
                    lines.add(orders.getLong("id") + ": " + orders.getInt("qty") + " x " + name);
                }
            }
        }
        return lines;
    }

    /** A statement that takes {@code millis} on the database itself (each database spells sleep its own way). */
    void slowQuery(int millis) throws SQLException {
        double seconds = millis / 1000.0;
        String sql = url.startsWith("jdbc:postgresql:") ? "SELECT pg_sleep(?)"
                : backslashEscapes ? "SELECT SLEEP(?)"
                : "CALL SLEEP(?)"; // H2: the alias made in resetSchema
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            if (sql.startsWith("CALL")) {
                statement.setLong(1, millis);
            } else {
                statement.setDouble(1, seconds);
            }
            statement.execute();
        }
    }

    /** End-of-day housekeeping: one UPDATE, one DELETE. */
    Report report() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            int repriced = statement.executeUpdate("UPDATE items SET price = ROUND(price, 2)");
            int removed = statement.executeUpdate("DELETE FROM orders WHERE qty <= 0");
            return new Report(repriced, removed);
        }
    }

    /** A query with a syntax error, for the error series: every database rejects it. */
    void brokenQuery() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT name FROM items WHERE");
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private String literal(String value) {
        String escaped = backslashEscapes ? value.replace("\\", "\\\\") : value;
        return "'" + escaped.replace("'", "''") + "'";
    }

    private static List<Item> items(ResultSet rows) throws SQLException {
        try (rows) {
            List<Item> items = new ArrayList<>();
            while (rows.next()) {
                items.add(item(rows));
            }
            return items;
        }
    }

    private static Item item(ResultSet row) throws SQLException {
        return new Item(row.getInt("id"), row.getString("name"), row.getBigDecimal("price"));
    }
}
