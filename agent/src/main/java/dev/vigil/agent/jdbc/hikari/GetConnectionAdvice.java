package dev.vigil.agent.jdbc.hikari;

import dev.vigil.agent.jdbc.bridge.PoolHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HikariDataSource#getConnection}: how long the application waited for a connection. */
public final class GetConnectionAdvice {
    private GetConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object dataSource, @Advice.Enter long start, @Advice.Thrown Throwable thrown)
            throws Exception {
        if (thrown == null) {
            PoolHooks.SLOT.get().acquired(dataSource, System.nanoTime() - start);
        }
    }
}
