package dev.vigil.agent.jdbc.vertx;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;

/** A Vert.x SQL query's {@code execute()} and {@code execute(Tuple)}: one execution, ended by the future returned. */
public final class ExecuteAdvice {
    private ExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object query) {
        return JdbcHooks.SLOT.get().executingReactive(query);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Return Object future) {
        if (token != null) {
            JdbcHooks.SLOT.get().executedFuture(token, future, -1);
        }
    }
}
