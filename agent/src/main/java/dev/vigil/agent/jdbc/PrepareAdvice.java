package dev.vigil.agent.jdbc;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;

/** {@code Connection#prepareStatement(String...)} and {@code prepareCall(String...)}: remember the SQL of the statement. */
public final class PrepareAdvice {
    private PrepareAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) String sql, @Advice.Return Object statement) {
        JdbcHooks.SLOT.get().prepared(statement, sql);
    }
}
