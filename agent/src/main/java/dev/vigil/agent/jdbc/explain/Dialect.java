package dev.vigil.agent.jdbc.explain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.regex.Pattern;

/** How each database is asked for a plan and for a table's size, on the audit's own connection. */
enum Dialect {
    POSTGRESQL("EXPLAIN (FORMAT JSON) ") {
        @Override
        void limitTime(Connection connection, int millis) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET statement_timeout = " + millis);
                statement.execute("SET lock_timeout = " + millis);
            }
        }

        @Override
        long tableRows(Connection connection, String table, int millis) throws SQLException {
            // The planner's own estimate of the whole table, analysed or not.
            String json = query(connection, "EXPLAIN (FORMAT JSON) SELECT 1 FROM " + quoted(table, '"'), new Object[0], millis);
            Object rows = PlanReader.postgresRootRows(json);
            return rows instanceof Number n ? n.longValue() : -1;
        }
    },
    MYSQL("EXPLAIN FORMAT=JSON ") {
        @Override
        void limitTime(Connection connection, int millis) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION lock_wait_timeout = " + Math.max(1, millis / 1000));
            } catch (SQLException ignored) {
                // not every server version takes it; the JDBC query timeout still applies
            }
        }

        @Override
        long tableRows(Connection connection, String table, int millis) throws SQLException {
            String json = query(connection, "EXPLAIN FORMAT=JSON SELECT * FROM " + quoted(table, '`'), new Object[0], millis);
            return PlanReader.mysqlRows(json);
        }
    },
    H2("EXPLAIN ") {
        @Override
        void limitTime(Connection connection, int millis) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET QUERY_TIMEOUT " + millis);
            }
        }

        @Override
        long tableRows(Connection connection, String table, int millis) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = UPPER(?)")) {
                statement.setQueryTimeout(seconds(millis));
                statement.setString(1, table);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : -1;
                }
            }
        }
    };

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private final String prefix;

    Dialect(String prefix) {
        this.prefix = prefix;
    }

    static Dialect of(String system) {
        return switch (system) {
            case "postgresql" -> POSTGRESQL;
            case "mariadb", "mysql" -> MYSQL;
            case "h2" -> H2;
            default -> throw new IllegalArgumentException("the index audit does not read " + system + " plans");
        };
    }

    static boolean supports(String system) {
        return switch (system) {
            case "postgresql", "mariadb", "mysql", "h2" -> true;
            default -> false;
        };
    }

    /** The server-side limit on anything this connection runs, besides JDBC's query timeout. */
    abstract void limitTime(Connection connection, int millis) throws SQLException;

    /** The planner's estimate of {@code table}'s rows, or -1. */
    abstract long tableRows(Connection connection, String table, int millis) throws SQLException;

    /** The plan of {@code sql}, never run: {@code EXPLAIN} without {@code ANALYZE}. */
    String explain(Connection connection, String sql, Object[] parameters, int millis) throws SQLException {
        if (!IndexAudit.isSelect(sql)) {
            throw new IllegalArgumentException("only a SELECT is explained");
        }
        return query(connection, prefix + sql, parameters, millis);
    }

    static String query(Connection connection, String sql, Object[] parameters, int millis) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(seconds(millis));
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value == null || value == IndexAudit.NullValue.INSTANCE) {
                    statement.setNull(i + 1, Types.NULL);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            StringBuilder out = new StringBuilder();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.append(rows.getString(1)).append('\n');
                }
            }
            return out.toString();
        }
    }

    private static String quoted(String table, char quote) {
        if (!PLAIN_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name");
        }
        return quote + table + quote;
    }

    private static int seconds(int millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
