package com.zaxxer.hikari;

/** Stands in for HikariCP's interface of the same name in the agent's unit tests. */
public interface HikariPoolMXBean {
    int getActiveConnections();

    int getIdleConnections();

    int getThreadsAwaitingConnection();
}
