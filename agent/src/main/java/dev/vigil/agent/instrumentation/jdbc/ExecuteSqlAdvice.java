package dev.vigil.agent.instrumentation.jdbc;

import dev.vigil.bootstrap.VigilBridge;
import net.bytebuddy.asm.Advice;

/** {@code Statement#execute(String...)}, {@code executeQuery(String)}, {@code executeUpdate(String...)}. */
public final class ExecuteSqlAdvice {
    private ExecuteSqlAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object statement, @Advice.Argument(0) String sql) {
        return VigilBridge.jdbcStart(statement, sql);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
        if (call != null) {
            VigilBridge.jdbcEnd(call, thrown);
        }
    }
}
