package dev.vigil.agent.jdbc.vertx;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** A Vert.x SQL query's {@code executeBatch(tuples)}: one batch of as many statements as parameter sets. */
public final class ExecuteBatchAdvice {
    private ExecuteBatchAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object query) {
        return JdbcHooks.SLOT.get().executingReactive(query);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Argument(0) List<?> batch, @Advice.Return Object future) {
        if (token != null) {
            JdbcHooks.SLOT.get().executedFuture(token, future, batch == null ? 0 : batch.size());
        }
    }
}
