package dev.vigil.examples.shop.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Product page visits: {@value #SEEDED} rows written at start in one {@code INSERT ... SELECT} (H2's
 * {@code SYSTEM_RANGE}, PostgreSQL's {@code generate_series}: well under a second), spread over the
 * products. {@link #count} filters on the unindexed {@code product_id}: a full scan per call.
 */
@Service
public class ProductVisits {

    public static final int SEEDED = 100_000;

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public ProductVisits(DataSource dataSource, JdbcTemplate jdbc) throws SQLException {
        this.jdbc = jdbc;
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        }
    }

    /** Fills the table with {@link #SEEDED} visits of products 1 to {@code products}. */
    public void seed(int products) {
        String numbers = postgres ? "generate_series(1, ?) AS r(x)" : "SYSTEM_RANGE(1, ?) AS r";
        String x = postgres ? "r.x" : "r.X";
        jdbc.update("INSERT INTO shop_product_visit (id, product_id, visited_at) SELECT " + x + ", MOD(" + x + ", ?) + 1, "
                + x + " * 7 FROM " + numbers, products, SEEDED);
    }

    /** Visits of one product: one statement that reads the whole table, for want of an index on product_id. */
    public long count(long productId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM shop_product_visit WHERE product_id = ?", Long.class, productId);
        return count == null ? 0 : count;
    }
}
