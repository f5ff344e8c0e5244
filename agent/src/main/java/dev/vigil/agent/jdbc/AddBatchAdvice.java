package dev.vigil.agent.jdbc;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;

/** {@code Statement#addBatch(String)}: a plain statement's batch has its SQL only here. */
public final class AddBatchAdvice {
    private AddBatchAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object statement, @Advice.Argument(0) String sql) {
        JdbcHooks.SLOT.get().addBatch(statement, sql);
    }
}
