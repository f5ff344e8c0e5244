package dev.vigil.agent.logs;

import dev.vigil.agent.logs.bridge.LogHooks;
import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;

/** Inlined into Log4j2's {@code ContextDataInjector#injectContextData}: each event's context data gains the trace fields. */
public final class Log4jContextDataAdvice {
    private Log4jContextDataAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return(readOnly = false) StringMap contextData) {
        if (contextData == null || contextData.containsKey("trace_id")) {
            return;
        }
        String[] fields = LogHooks.SLOT.get().traceFields();
        if (fields == null) {
            return;
        }
        StringMap target = contextData.isFrozen() ? new SortedArrayStringMap(contextData) : contextData;
        target.putValue("trace_id", fields[0]);
        target.putValue("span_id", fields[1]);
        target.putValue("trace_flags", fields[2]);
        contextData = target;
    }
}
