package dev.vigil.examples.shop;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.stereotype.Component;

/**
 * A statement that takes a given time on the database itself, so the agent sees a genuinely slow query
 * (not a slow request with a fast query). Each database spells sleep its own way: PostgreSQL has
 * {@code pg_sleep(seconds)}; H2 has none, so the shop defines a function alias to {@code Thread.sleep}.
 */
@Component
public class SlowQuery {

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public SlowQuery(DataSource dataSource, JdbcTemplate jdbc) throws SQLException {
        this.jdbc = jdbc;
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            if (!postgres) {
                try (Statement statement = connection.createStatement()) {
                    // "(long)": Java 19+ also has Thread.sleep(Duration), which H2 would find ambiguous.
                    statement.execute("CREATE ALIAS IF NOT EXISTS SHOP_SLEEP FOR 'java.lang.Thread.sleep(long)'");
                }
            }
        }
    }

    /** Runs one statement that takes {@code millis} (at most {@link Faults#MAX_SLOW_QUERY_MS}). */
    public void run(int millis) {
        int bounded = Math.max(0, Math.min(millis, Faults.MAX_SLOW_QUERY_MS));
        String sql = postgres ? "SELECT pg_sleep(?)" : "CALL SHOP_SLEEP(?)";
        jdbc.execute(sql, (PreparedStatementCallback<Boolean>) statement -> {
            if (postgres) {
                statement.setDouble(1, bounded / 1000.0); // seconds
            } else {
                statement.setLong(1, bounded); // milliseconds
            }
            return statement.execute();
        });
    }
}
