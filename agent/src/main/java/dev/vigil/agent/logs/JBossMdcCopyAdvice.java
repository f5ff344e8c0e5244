package dev.vigil.agent.logs;

import dev.vigil.agent.logs.bridge.LogHooks;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into JBoss LogManager's {@code ExtLogRecord#copyMdc}, called on the logging thread before a record is
 * handed to another one: the record's own MDC copy gains the current span's fields.
 */
public final class JBossMdcCopyAdvice {
    private JBossMdcCopyAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("mdcCopy") Map<String, Object> copy) {
        LogHooks.SLOT.get().addTraceFields(copy);
    }
}
