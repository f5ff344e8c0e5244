package dev.vigil.agent.jdbc.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/** What the connection-pool advice calls (HikariCP's {@code getConnection}). */
public abstract class PoolHooks {
    public static final HookSlot<PoolHooks> SLOT = new HookSlot<>(new PoolHooks() {
    });

    /** The pool ({@code dataSource}) handed out a connection after waiting {@code nanos}. */
    public void acquired(Object dataSource, long nanos) throws Exception {
    }
}
