package dev.vigil.agent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PoolMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PoolMetrics metrics = new PoolMetrics(registry);

    @Test
    void eachPoolCountsItsOwnWaitsWhetherItIsTheLastOneUsedOrNot() throws Exception {
        HikariDataSource orders = new HikariDataSource("orders");
        HikariDataSource reports = new HikariDataSource("reports");
        for (int i = 0; i < 5; i++) {
            metrics.acquired(orders, 1_000_000L);
        }
        for (int i = 0; i < 7; i++) {
            metrics.acquired(orders, 1_000_000L); // in turn: neither is the last one each time
            metrics.acquired(reports, 3_000_000L);
        }

        assertThat(waits("orders").count()).isEqualTo(12);
        assertThat(waits("reports").count()).isEqualTo(7);
        assertThat(waits("reports").totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(21.0);
        assertThat(registry.get("db.client.connection.max").tag(PoolMetrics.POOL_NAME, "orders").gauge().value())
                .isEqualTo(10.0);
        assertThat(registry.get("db.client.connection.count").tag(PoolMetrics.POOL_NAME, "reports")
                .tag(PoolMetrics.STATE, "idle").gauge().value()).isEqualTo(10.0);
    }

    private io.micrometer.core.instrument.Timer waits(String pool) {
        return registry.get("db.client.connection.wait_time").tag(PoolMetrics.POOL_NAME, pool).timer();
    }
}
