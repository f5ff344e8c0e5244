package com.zaxxer.hikari;

/** Stands in for HikariCP's data source in the agent's unit tests: a pool with nothing in use. */
public class HikariDataSource extends HikariConfig {
    public HikariDataSource(String poolName) {
        super(poolName);
    }

    public HikariPoolMXBean getHikariPoolMXBean() {
        return new HikariPoolMXBean() {
            @Override
            public int getActiveConnections() {
                return 0;
            }

            @Override
            public int getIdleConnections() {
                return 10;
            }

            @Override
            public int getThreadsAwaitingConnection() {
                return 0;
            }
        };
    }
}
