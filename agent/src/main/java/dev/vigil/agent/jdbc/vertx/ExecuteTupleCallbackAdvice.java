package dev.vigil.agent.jdbc.vertx;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** A Vert.x 4 SQL query's {@code execute(tuple, callback)}: one execution, ended by its callback. */
public final class ExecuteTupleCallbackAdvice {
    private ExecuteTupleCallbackAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object query,
                               @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object callback) {
        Object token = JdbcHooks.SLOT.get().executingReactive(query);
        callback = JdbcHooks.SLOT.get().callbackExecuting(token, callback, -1);
        return token;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
        JdbcHooks.SLOT.get().callbackExecuted(token);
    }
}
