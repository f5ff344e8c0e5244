package dev.vigil.agent.jdbc.r2dbc;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * R2DBC's {@code ConnectionFactory#create()} and a {@code Result}'s rows ({@code map}, {@code flatMap},
 * {@code getRowsUpdated}): what they publish arrives under the trace context it was subscribed in.
 */
public final class TracedAdvice {
    private TracedAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Origin("#r") String declaredType,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object publisher) {
        publisher = JdbcHooks.SLOT.get().traced(publisher, declaredType);
    }
}
