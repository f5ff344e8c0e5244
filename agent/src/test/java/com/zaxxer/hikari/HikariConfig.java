package com.zaxxer.hikari;

/** Stands in for HikariCP's class of the same name in the agent's unit tests: the getters the agent reads. */
public class HikariConfig {
    private final String poolName;

    public HikariConfig(String poolName) {
        this.poolName = poolName;
    }

    public String getPoolName() {
        return poolName;
    }

    public int getMaximumPoolSize() {
        return 10;
    }

    public int getMinimumIdle() {
        return 10;
    }
}
