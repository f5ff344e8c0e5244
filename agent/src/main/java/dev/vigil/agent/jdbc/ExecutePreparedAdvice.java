package dev.vigil.agent.jdbc;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;

/** {@code PreparedStatement#execute()}, {@code executeQuery()}, {@code executeUpdate()}: the SQL was given at prepare time. */
public final class ExecutePreparedAdvice {
    private ExecutePreparedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object statement) {
        return JdbcHooks.SLOT.get().start(statement, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
        if (call != null) {
            JdbcHooks.SLOT.get().end(call, thrown);
        }
    }
}
