package dev.vigil.agent.jdbc;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;

/** {@code executeBatch()} and {@code executeLargeBatch()}: one operation per batch, its size from the result. */
public final class ExecuteBatchAdvice {
    private ExecuteBatchAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object statement) {
        return JdbcHooks.SLOT.get().start(statement, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call,
                            @Advice.Return(typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        if (call == null) {
            return;
        }
        int size = -1;
        if (result instanceof int[]) {
            size = ((int[]) result).length;
        } else if (result instanceof long[]) {
            size = ((long[]) result).length;
        }
        JdbcHooks.SLOT.get().endBatch(call, size, thrown);
    }
}
