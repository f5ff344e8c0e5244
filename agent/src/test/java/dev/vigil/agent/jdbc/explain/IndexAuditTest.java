package dev.vigil.agent.jdbc.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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

    @Test
    void itsThreadEndsOnceNoStatementRunsAndTheNextStatementStartsItAgain() throws InterruptedException {
        IndexAudit audit = new IndexAudit(new SimpleMeterRegistry(), List::of, 600, 1000, 2000, 500);
        audit.pickEvery(20);
        try {
            audit.start();
            assertThat(audit.working()).isTrue();
            assertThat(within(() -> !audit.working())).as("the thread ends with no statement").isTrue();
            assertThat(auditThreads()).isZero();

            audit.ran("SELECT * FROM orders WHERE id = ?");
            assertThat(audit.working()).as("a statement starts it again").isTrue();
            for (int i = 0; i < 20; i++) {
                audit.ran("SELECT * FROM orders WHERE id = ?"); // a busy application: one thread, kept
                Thread.sleep(20);
                assertThat(audit.working()).isTrue();
            }
            assertThat(auditThreads()).isOne();
            assertThat(within(() -> !audit.working())).isTrue();
        } finally {
            audit.stop();
        }
    }

    @Test
    void aThreadThatCannotStartLeavesTheAuditAsleepAndTheNextStatementTriesAgain() throws InterruptedException {
        IndexAudit audit = new IndexAudit(new SimpleMeterRegistry(), List::of, 600, 1000, 2000, 500);
        audit.pickEvery(20);
        audit.threads(task -> new Thread(task) {
            @Override
            public synchronized void start() {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
        });
        try {
            audit.start();
            assertThat(audit.working()).isFalse();
            audit.ran("SELECT * FROM orders WHERE id = ?");
            assertThat(audit.working()).as("a failed start is not taken for a live thread").isFalse();

            audit.threads(task -> new Thread(task, "vigil-index-audit"));
            audit.ran("SELECT * FROM orders WHERE id = ?");
            assertThat(audit.working()).as("the next statement starts it").isTrue();
            assertThat(within(() -> !audit.working())).isTrue();
        } finally {
            audit.stop();
        }
    }

    private static boolean within(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    private static long auditThreads() throws InterruptedException {
        Thread.sleep(50); // a thread that has returned from run() may still be alive for a moment
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("vigil-index-audit") && t.isAlive()).count();
    }
}
