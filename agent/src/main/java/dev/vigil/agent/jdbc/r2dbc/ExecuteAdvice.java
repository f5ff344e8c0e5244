package dev.vigil.agent.jdbc.r2dbc;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** R2DBC's {@code Statement#execute()}: the application gets a publisher that times each of its subscriptions. */
public final class ExecuteAdvice {
    private ExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object statement) {
        return JdbcHooks.SLOT.get().executingReactive(statement);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Origin("#r") String declaredType,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object publisher) {
        if (token != null) {
            publisher = JdbcHooks.SLOT.get().executedReactive(token, publisher, declaredType);
        }
    }
}
