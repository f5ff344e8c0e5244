package dev.vigil.agent.logs;

import dev.vigil.agent.logs.bridge.LogHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into JBoss LogManager's {@code ExtLogRecord#getMdc}: {@code trace_id}, {@code span_id} and {@code trace_flags} of the current span when the MDC has none. */
public final class JBossMdcAdvice {
    private JBossMdcAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) String key, @Advice.Return(readOnly = false) String value) {
        if (value == null && key != null && (key.startsWith("trace_") || key.equals("span_id"))) {
            value = LogHooks.SLOT.get().traceField(key);
        }
    }
}
