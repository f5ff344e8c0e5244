package dev.vigil.agent.jdbc;

import dev.vigil.agent.core.WeakIdentityMap;
import dev.vigil.agent.core.metrics.LatencyBuckets;
import dev.vigil.agent.jdbc.bridge.PoolHooks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Connection-pool metrics named as the OpenTelemetry semantic conventions name them:
 * {@code db_client_connection_count{db_client_connection_state="used|idle"}},
 * {@code db_client_connection_max}, {@code db_client_connection_idle_min},
 * {@code db_client_connection_pending_requests} and the histogram
 * {@code db_client_connection_wait_time_seconds}, all by {@code db_client_connection_pool_name}.
 *
 * <p>HikariCP's classes belong to the application's class loader, so the pool is read through its
 * public interfaces by reflection, once per pool; gauges hold the pool weakly.
 */
public final class PoolMetrics extends PoolHooks {
    static final String POOL_NAME = "db.client.connection.pool.name";
    static final String STATE = "db.client.connection.state";

    private final MeterRegistry registry;
    private final WeakIdentityMap<Timer> pools = new WeakIdentityMap<>();
    /** The pool last acquired from, most often the application's only one: found without the map. */
    private volatile Last last;

    private record Last(WeakReference<Object> pool, Timer waits) {
    }

    public PoolMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void acquired(Object dataSource, long nanos) throws ReflectiveOperationException {
        Last recent = last;
        if (recent != null && recent.pool.refersTo(dataSource)) {
            recent.waits.record(nanos, TimeUnit.NANOSECONDS);
            return;
        }
        Timer waits = pools.get(dataSource);
        if (waits == null) {
            synchronized (this) {
                waits = pools.get(dataSource);
                if (waits == null) {
                    waits = register(dataSource);
                    pools.put(dataSource, waits);
                }
            }
        }
        last = new Last(new WeakReference<>(dataSource), waits);
        waits.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(Object dataSource) throws ReflectiveOperationException {
        ClassLoader loader = dataSource.getClass().getClassLoader();
        Class<?> config = Class.forName("com.zaxxer.hikari.HikariConfig", false, loader);
        Class<?> pool = Class.forName("com.zaxxer.hikari.HikariPoolMXBean", false, loader);
        Method poolOf = Class.forName("com.zaxxer.hikari.HikariDataSource", false, loader).getMethod("getHikariPoolMXBean");
        String name = String.valueOf(config.getMethod("getPoolName").invoke(dataSource));

        WeakReference<Object> source = new WeakReference<>(dataSource);
        gauge("db.client.connection.count", name, "used", source, poolValue(poolOf, pool.getMethod("getActiveConnections")),
                "Connections in the pool, by state");
        gauge("db.client.connection.count", name, "idle", source, poolValue(poolOf, pool.getMethod("getIdleConnections")),
                "Connections in the pool, by state");
        gauge("db.client.connection.pending_requests", name, null, source,
                poolValue(poolOf, pool.getMethod("getThreadsAwaitingConnection")), "Threads waiting for a connection");
        gauge("db.client.connection.max", name, null, source, configValue(config.getMethod("getMaximumPoolSize")),
                "The most connections the pool may open");
        gauge("db.client.connection.idle.min", name, null, source, configValue(config.getMethod("getMinimumIdle")),
                "The fewest idle connections the pool keeps");
        return Timer.builder("db.client.connection.wait_time")
                .description("Time the application waited for a connection from the pool")
                .tag(POOL_NAME, name)
                .serviceLevelObjectives(LatencyBuckets.asArray(LatencyBuckets.DB))
                .register(registry);
    }

    private void gauge(String metric, String pool, String state, WeakReference<Object> source,
                       ToDoubleFunction<Object> value, String description) {
        Gauge.Builder<WeakReference<Object>> builder = Gauge.builder(metric, source, ref -> {
                    Object dataSource = ref.get();
                    return dataSource == null ? Double.NaN : value.applyAsDouble(dataSource);
                })
                .description(description)
                .tag(POOL_NAME, pool);
        if (state != null) {
            builder.tag(STATE, state);
        }
        builder.strongReference(true).register(registry);
    }

    private static ToDoubleFunction<Object> poolValue(Method poolOf, Method getter) {
        return dataSource -> {
            try {
                Object pool = poolOf.invoke(dataSource);
                return pool == null ? Double.NaN : ((Number) getter.invoke(pool)).doubleValue();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Double.NaN;
            }
        };
    }

    private static ToDoubleFunction<Object> configValue(Method getter) {
        return dataSource -> {
            try {
                return ((Number) getter.invoke(dataSource)).doubleValue();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Double.NaN;
            }
        };
    }
}
