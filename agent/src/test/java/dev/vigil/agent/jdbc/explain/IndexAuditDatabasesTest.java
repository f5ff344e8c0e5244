package dev.vigil.agent.jdbc.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The index audit's reading of real plans on the three databases: a filter on an unindexed column is a
 * full scan with the index that fixes it, the index made from that suggestion removes the scan, a
 * primary-key lookup is never flagged, nothing but a SELECT is explained, and the statement timeout
 * holds. PostgreSQL and MariaDB are skipped when absent (failed with {@code VIGIL_REQUIRE_SERVICES=1}).
 */
class IndexAuditDatabasesTest {
    private static final int ROWS = 20_000;
    private static final String SHAPE = "SELECT COUNT(*) FROM audit_events WHERE kind = ?";

    enum Database {
        H2("h2", "jdbc:h2:mem:audit;DB_CLOSE_DELAY=-1", "", 0),
        POSTGRESQL("postgresql", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", 5432),
        MARIADB("mariadb", "jdbc:mariadb://127.0.0.1:3306/test", "root", 3306);

        final String system;
        final String url;
        final String user;
        final int port;

        Database(String system, String url, String user, int port) {
            this.system = system;
            this.url = url;
            this.user = user;
            this.port = port;
        }

        Connection connect() throws SQLException {
            if (port > 0) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                } catch (IOException e) {
                    String message = system + " does not listen on 127.0.0.1:" + port;
                    if ("1".equals(System.getenv("VIGIL_REQUIRE_SERVICES"))) {
                        throw new AssertionError(message + " (VIGIL_REQUIRE_SERVICES=1)");
                    }
                    Assumptions.abort(message + ": skipped");
                }
            }
            return DriverManager.getConnection(url, user, "");
        }
    }

    private final IndexAudit audit = new IndexAudit(new SimpleMeterRegistry(), List::of, 600, 1000, 2000, 500);

    @ParameterizedTest
    @EnumSource(Database.class)
    @Timeout(120)
    void anUnindexedFilterIsAFullScanUntilTheSuggestedIndexExists(Database database) throws SQLException {
        try (Connection connection = database.connect()) {
            seed(connection, database);

            IndexAudit.Finding scan = audit.audit(connection, database.system, "audit_events", SHAPE, SHAPE, new Object[] {"k7"});
            assertThat(scan.fullScan()).as("%s", scan).isTrue();
            assertThat(scan.tableRows()).as("%s", scan).isGreaterThanOrEqualTo(1000);
            assertThat(scan.suggestedIndex()).isEqualTo("CREATE INDEX audit_events_kind_idx ON audit_events (kind)");
            assertThat(scan.summary()).as("no parameter in the plan summary").doesNotContain("k7");
            long scanning = medianNanos(connection);

            try (Statement statement = connection.createStatement()) {
                statement.execute(scan.suggestedIndex());
                if (database == Database.POSTGRESQL) {
                    statement.execute("ANALYZE audit_events");
                }
            }
            IndexAudit.Finding indexed = audit.audit(connection, database.system, "audit_events", SHAPE, SHAPE, new Object[] {"k7"});
            assertThat(indexed.fullScan()).as("%s", indexed).isFalse();
            assertThat(indexed.suggestedIndex()).isNull();
            // The index does what the audit says: the statement itself is faster (a scan of 20,000 rows against
            // an index lookup of 400). By how much depends on the database: H2 in memory measured about twice as
            // fast, which a busy machine can bring to 1.98 (one CI run did); faster at all is the claim.
            long indexedNanos = medianNanos(connection);
            assertThat(indexedNanos).as("median ns with the index, against %d without", scanning).isLessThan(scanning);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    @Timeout(120)
    void aPrimaryKeyLookupIsNeverFlagged(Database database) throws SQLException {
        try (Connection connection = database.connect()) {
            seed(connection, database);
            String byId = "SELECT kind FROM audit_events WHERE id = ?";
            IndexAudit.Finding lookup = audit.audit(connection, database.system, "audit_events", byId, byId, new Object[] {42L});
            assertThat(lookup.fullScan()).as("%s", lookup).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void onlyASelectIsExplained(Database database) throws SQLException {
        try (Connection connection = database.connect()) {
            seed(connection, database);
            String delete = "DELETE FROM audit_events WHERE kind = ?";
            assertThatThrownBy(() -> audit.audit(connection, database.system, "audit_events", delete, delete, new Object[] {"k1"}))
                    .isInstanceOf(IllegalArgumentException.class);
            try (Statement statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT COUNT(*) FROM audit_events")) {
                rows.next();
                assertThat(rows.getLong(1)).as("rows left").isEqualTo(ROWS);
            }
        }
    }

    /** A table locked by another session: the EXPLAIN gives up after the audit's timeout instead of waiting. */
    @ParameterizedTest
    @EnumSource(value = Database.class, names = "POSTGRESQL")
    @Timeout(30)
    void theStatementTimeoutIsHonoured(Database database) throws SQLException {
        try (Connection connection = database.connect(); Connection locker = database.connect()) {
            seed(connection, database);
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE");
                IndexAudit quick = new IndexAudit(new SimpleMeterRegistry(), List::of, 600, 1000, 300, 500);
                assertThatThrownBy(() -> quick.audit(connection, database.system, "audit_events", SHAPE, SHAPE, new Object[] {"k7"}))
                        .isInstanceOf(SQLException.class);
            } finally {
                locker.rollback();
            }
        }
    }

    /** The median time of 31 executions of the audited statement. */
    private static long medianNanos(Connection connection) throws SQLException {
        long[] times = new long[31];
        try (PreparedStatement count = connection.prepareStatement(SHAPE)) {
            for (int i = -5; i < times.length; i++) { // five to warm up
                count.setString(1, "k" + (Math.abs(i) % 50));
                long start = System.nanoTime();
                try (var rows = count.executeQuery()) {
                    rows.next();
                }
                if (i >= 0) {
                    times[i] = System.nanoTime() - start;
                }
            }
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2];
    }

    private static void seed(Connection connection, Database database) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS audit_events");
            statement.execute("CREATE TABLE audit_events (id BIGINT PRIMARY KEY, kind VARCHAR(20) NOT NULL, payload VARCHAR(40))");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_events (id, kind, payload) VALUES (?, ?, ?)")) {
            for (int i = 1; i <= ROWS; i++) {
                insert.setLong(1, i);
                insert.setString(2, "k" + (i % 50));
                insert.setString(3, "payload " + i);
                insert.addBatch();
                if (i % 5000 == 0) {
                    insert.executeBatch();
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        try (Statement statement = connection.createStatement()) {
            switch (database) {
                case POSTGRESQL -> statement.execute("ANALYZE audit_events");
                case MARIADB -> statement.execute("ANALYZE TABLE audit_events");
                case H2 -> statement.execute("ANALYZE");
            }
        }
    }
}
