package dev.vigil.agent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.metrics.LabelKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLSyntaxErrorException;
import org.junit.jupiter.api.Test;

class JdbcRecorderTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JdbcRecorder recorder = new JdbcRecorder(registry, 2);

    /** Stands in for a driver's statement: DbSystems reads the system from the class's package. */
    static final class Statement {
    }

    @Test
    void aDriverCallingItsOwnExecuteIsCountedOnce() {
        Statement statement = new Statement();
        Object outer = recorder.start(statement, "SELECT * FROM owners WHERE id = 7");
        Object inner = recorder.start(statement, null);
        recorder.end(inner, null);
        recorder.end(outer, null);
        assertThat(count("SELECT", "owners", "")).isEqualTo(1);
    }

    @Test
    void aPreparedStatementKeepsTheShapeOfItsSql() {
        Statement statement = new Statement();
        recorder.prepared(statement, "update items set price = ? where id = ?");
        for (int i = 0; i < 5; i++) {
            recorder.end(recorder.start(statement, null), null);
        }
        assertThat(count("UPDATE", "items", "")).isEqualTo(5);
    }

    @Test
    void aClosedStatementIsForgottenAndThoseStillOpenKeepTheirShape() {
        Statement open = new Statement();
        recorder.prepared(open, "update items set price = ? where id = ?");
        for (int i = 0; i < 1000; i++) {
            Statement each = new Statement();
            recorder.prepared(each, "select * from items where id = ?");
            recorder.end(recorder.start(each, null), null);
            recorder.closed(each);
        }
        recorder.closed(new Statement()); // never prepared: nothing to forget
        recorder.closed(null);

        assertThat(recorder.preparedStatements()).as("only the statement still open is remembered").isEqualTo(1);
        recorder.end(recorder.start(open, null), null);
        assertThat(count("SELECT", "items", "")).isEqualTo(1000);
        assertThat(count("UPDATE", "items", "")).isEqualTo(1);
    }

    @Test
    void aClosedBatchIsForgotten() {
        Statement statement = new Statement();
        recorder.addBatch(statement, "insert into orders (item_id, qty) values (1, 2)");
        recorder.closed(statement);
        recorder.endBatch(recorder.start(statement, null), 1, null);
        assertThat(count("BATCH", "", "")).as("the batch's SQL went with its statement").isEqualTo(1);
    }

    @Test
    void aPoolsProxyAndTheDriverStatementItWrapsArePreparedOnceAndBothExecuteUnderTheShape() {
        Statement proxy = new Statement();
        Statement driver = new Statement();
        Object outer = recorder.preparing();
        Object inner = recorder.preparing();
        assertThat(inner).as("a prepare nested in another is not remembered on its own").isNull();
        recorder.prepared(outer, proxy, "select * from items where id = ?");
        assertThat(recorder.preparing()).as("the next prepare on this thread").isNotNull();

        Object call = recorder.start(proxy, null);
        recorder.end(recorder.start(driver, null), null);
        recorder.end(call, null);
        assertThat(count("SELECT", "items", "")).isEqualTo(1);
    }

    @Test
    void aQueryTheDriverRunsInsideAPreparedExecutionDoesNotRenameIt() {
        Statement insert = new Statement();
        Statement keys = new Statement();
        recorder.prepared(insert, "insert into orders (id, item_id, qty) values (?, ?, ?)");
        for (int i = 0; i < 3; i++) {
            Object call = recorder.start(insert, null);
            recorder.end(recorder.start(keys, "SELECT last_insert_rowid()"), null); // sqlite-jdbc's generated keys
            recorder.end(call, null);
        }
        assertThat(count("INSERT", "orders", "")).isEqualTo(3);
        assertThat(registry.find("db.client.operation.duration").tag("db.operation.name", "SELECT").timer())
                .as("the driver's own query is no statement of its own").isNull();
    }

    @Test
    void aPreparedExecutionWhoseShapeIsUnknownIsNamedByTheSqlItRuns() {
        Statement preparedBeforeTheAgent = new Statement();
        Object call = recorder.start(preparedBeforeTheAgent, null);
        recorder.end(recorder.start(preparedBeforeTheAgent, "select * from items where id = ?"), null);
        recorder.end(call, null);
        assertThat(count("SELECT", "items", "")).isEqualTo(1);
    }

    @Test
    void aPrepareThatThrowsLeavesTheNextOneRemembered() {
        recorder.prepared(recorder.preparing(), null, "select * from items where id = ?");
        Statement statement = new Statement();
        recorder.prepared(recorder.preparing(), statement, "delete from items where id = ?");
        recorder.end(recorder.start(statement, null), null);
        assertThat(count("DELETE", "items", "")).isEqualTo(1);
    }

    @Test
    void aShapeThatSucceedsAndFailsInTurnIsCountedUnderEachOutcome() {
        Statement statement = new Statement();
        recorder.prepared(statement, "select * from items where id = ?");
        for (int i = 0; i < 10; i++) {
            recorder.end(recorder.start(statement, null), i % 5 == 4 ? new SQLSyntaxErrorException("no") : null);
        }
        recorder.endBatch(recorder.start(statement, null), 3, null);
        assertThat(count("SELECT", "items", "")).as("the shape's cached series").isEqualTo(8);
        assertThat(count("SELECT", "items", "java.sql.SQLSyntaxErrorException")).isEqualTo(2);
        assertThat(count("BATCH SELECT", "items", "")).isEqualTo(1);
    }

    @Test
    void aBatchIsOneOperationWithItsSize() {
        Statement statement = new Statement();
        recorder.prepared(statement, "insert into orders (item_id, qty) values (?, ?)");
        recorder.endBatch(recorder.start(statement, null), 50, null);
        assertThat(count("BATCH INSERT", "orders", "")).isEqualTo(1);
        assertThat(registry.get("vigil.db.client.batch.size").summary().totalAmount()).isEqualTo(50);
    }

    @Test
    void aFailedQueryCarriesTheExceptionClass() {
        Statement statement = new Statement();
        recorder.end(recorder.start(statement, "select * from nowhere"), new SQLSyntaxErrorException("no"));
        assertThat(count("SELECT", "nowhere", "java.sql.SQLSyntaxErrorException")).isEqualTo(1);
    }

    @Test
    void randomSqlCannotGrowTheCacheOrTheTables() {
        Statement statement = new Statement();
        for (int i = 0; i < 100_000; i++) {
            recorder.end(recorder.start(statement, "select * from t" + i + " where secret = 'x" + i + "'"), null);
        }
        assertThat(registry.find("db.client.operation.duration").timers()).hasSize(3); // t0, t1 and _OTHER
        assertThat(count("SELECT", "_OTHER", "")).isEqualTo(100_000 - 2);
        assertThat(recorder.cachedShapes()).isLessThanOrEqualTo(JdbcRecorder.SHAPE_CACHE_MAX);
    }

    private long count(String operation, String collection, String errorType) {
        return registry.get("db.client.operation.duration")
                .tag("db.operation.name", operation)
                .tag("db.collection.name", collection)
                .tag("error.type", errorType)
                .timer().count();
    }

    @Test
    void aSeriesKeyIsEqualOnlyToOneWithTheSameLabels() throws Exception {
        LabelKeys.assertEachLabelCounts(JdbcRecorder.Key.class, new Object[] {"h2", "SELECT", "orders", ""},
                new Object[] {"postgresql", "INSERT", "items", "SQLException"});
    }
}
