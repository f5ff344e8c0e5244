package dev.vigil.agent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementStatsTest {

    @Test
    void threadsAddingToOneShapeAtOnceLoseNothing() throws InterruptedException {
        StatementStats stats = new StatementStats(10);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    // 1 ms each, and one 50 ms execution per thread: the maximum is exact too
                    long nanos = i == 0 ? 50_000_000L + thread : 1_000_000L;
                    stats.record("SELECT * FROM items WHERE id = ?", "h2", "SELECT", "items", nanos);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        Map<String, Object> top = stats.top(1).get(0);
        assertThat(top.get("count")).isEqualTo(80_000L);
        assertThat((double) top.get("total_seconds")).isCloseTo((8 * 9_999 * 1_000_000L + 8 * 50_000_000L + 28) / 1e9,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat((double) top.get("max_seconds")).isEqualTo(50_000_007L / 1e9);
        assertThat((double) top.get("p99_seconds")).isLessThanOrEqualTo(0.005);
    }

    @Test
    void anEntryKeptByTheCallerCountsUntilItIsEvicted() {
        StatementStats stats = new StatementStats(1);
        StatementStats.Entry kept = stats.record(null, "SELECT * FROM items", "h2", "SELECT", "items", 1_000_000L);
        assertThat(stats.record(kept, "SELECT * FROM items", "h2", "SELECT", "items", 1_000_000L)).isSameAs(kept);
        assertThat(stats.top(1).get(0).get("count")).isEqualTo(2L);

        stats.record(null, "SELECT * FROM orders", "h2", "SELECT", "orders", 5_000_000L); // the cheaper one goes
        StatementStats.Entry again = stats.record(kept, "SELECT * FROM items", "h2", "SELECT", "items", 9_000_000L);
        assertThat(again).as("an evicted entry is not counted into").isNotSameAs(kept);
        assertThat(stats.top(5)).hasSize(1);
        assertThat(stats.top(1).get(0)).containsEntry("statement", "SELECT * FROM items").containsEntry("count", 1L);
        assertThat(new StatementStats(1).record(again, "SELECT * FROM items", "h2", "SELECT", "items", 1L))
                .as("another instance's entry").isNotSameAs(again);
    }
}
