package dev.vigil.agent.jdbc.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexAuditTest {

    @Test
    void onlySelectsOnADatabaseWhosePlansItReadsAreEverWanted() {
        List<Map<String, Object>> top = List.of(
                Map.of("statement", "SELECT * FROM orders WHERE id = ?", "db_operation_name", "SELECT",
                        "db_system_name", "postgresql", "max_seconds", 0.2),
                Map.of("statement", "SELECT * FROM ledger WHERE id = ?", "db_operation_name", "SELECT",
                        "db_system_name", "oracle", "max_seconds", 0.2),
                Map.of("statement", "UPDATE orders SET state = ? WHERE id = ?", "db_operation_name", "UPDATE",
                        "db_system_name", "postgresql", "max_seconds", 0.2));
        IndexAudit audit = new IndexAudit(new SimpleMeterRegistry(), () -> top, 600, 1000, 2000, 500);

        audit.pickWanted(System.nanoTime());

        assertThat(audit.wants("SELECT * FROM orders WHERE id = ?")).isTrue();
        assertThat(audit.wants("SELECT * FROM ledger WHERE id = ?")).as("a database without a dialect").isFalse();
        assertThat(audit.wants("UPDATE orders SET state = ? WHERE id = ?")).as("only a SELECT is explained").isFalse();
    }
}
