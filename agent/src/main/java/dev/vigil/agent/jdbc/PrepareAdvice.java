package dev.vigil.agent.jdbc;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Connection#prepareStatement(String...)} and {@code prepareCall(String...)}: remember the SQL of the
 * statement, once, for the outermost call (a pool's proxy, not the driver's statement it wraps).
 */
public final class PrepareAdvice {
    private PrepareAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
        return JdbcHooks.SLOT.get().preparing();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Argument(0) String sql, @Advice.Return Object statement) {
        if (token != null) {
            JdbcHooks.SLOT.get().prepared(token, statement, sql);
        }
    }
}
