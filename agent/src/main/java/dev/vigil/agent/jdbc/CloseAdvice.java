package dev.vigil.agent.jdbc;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;

/** {@code Statement#close()}: the statement's remembered SQL shape is let go as it closes. */
public final class CloseAdvice {
    private CloseAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object statement) {
        JdbcHooks.SLOT.get().closed(statement);
    }
}
