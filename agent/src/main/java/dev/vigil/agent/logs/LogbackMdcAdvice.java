package dev.vigil.agent.logs;

import dev.vigil.agent.logs.bridge.LogHooks;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Logback's {@code LoggingEvent#getMDCPropertyMap}: the event's MDC gains {@code trace_id},
 * {@code span_id} and {@code trace_flags}. The map is stored back in the event, so an encoder reading it
 * later on another thread (an async appender) still sees the fields of the thread that logged.
 */
public final class LogbackMdcAdvice {
    private LogbackMdcAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return(readOnly = false) Map<String, String> mdc,
                            @Advice.FieldValue(value = "mdcPropertyMap", readOnly = false) Map<String, String> stored) {
        Map<String, String> withTrace = LogHooks.SLOT.get().withTraceFields(mdc);
        if (withTrace != mdc) {
            mdc = withTrace;
            stored = withTrace;
        }
    }
}
