package dev.vigil.agent.jdbc.vertx;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** A Vert.x 4 SQL query's {@code executeBatch(tuples, callback)}: one execution, ended by its callback. */
public final class ExecuteBatchCallbackAdvice {
    private ExecuteBatchCallbackAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object query, @Advice.Argument(0) List<?> batch,
                               @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object callback) {
        Object token = JdbcHooks.SLOT.get().executingReactive(query);
        callback = JdbcHooks.SLOT.get().callbackExecuting(token, callback, batch == null ? 0 : batch.size());
        return token;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
        JdbcHooks.SLOT.get().callbackExecuted(token);
    }
}
