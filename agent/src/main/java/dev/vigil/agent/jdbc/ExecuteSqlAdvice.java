package dev.vigil.agent.jdbc;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;

/** {@code Statement#execute(String...)}, {@code executeQuery(String)}, {@code executeUpdate(String...)}. */
public final class ExecuteSqlAdvice {
    private ExecuteSqlAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object statement, @Advice.Argument(0) String sql) {
        return JdbcHooks.SLOT.get().start(statement, sql);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
        if (call != null) {
            JdbcHooks.SLOT.get().end(call, thrown);
        }
    }
}
