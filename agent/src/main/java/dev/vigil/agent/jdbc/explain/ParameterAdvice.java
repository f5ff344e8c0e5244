package dev.vigil.agent.jdbc.explain;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code PreparedStatement#setXxx(int, value)}: while the index audit wants an execution of
 * some shape (rarely), the value is handed over; otherwise this is one read of a volatile field.
 */
public final class ParameterAdvice {
    private ParameterAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object statement, @Advice.Argument(0) int index,
                             @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object value) {
        JdbcHooks hooks = JdbcHooks.SLOT.get();
        if (hooks.capturingParameters()) {
            hooks.parameter(statement, index, value);
        }
    }
}
