package dev.vigil.agent.events.log4j;

import dev.vigil.agent.events.bridge.LogEventHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into a Log4j2 {@code ReliabilityStrategy#log(Supplier, LogEvent)}: how async loggers and
 * {@code Logger#log(LogEvent)} reach the configuration. The event crosses as {@code Object}.
 */
public final class Log4jEventAdvice {
    private Log4jEventAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(1) Object event) throws Exception {
        LogEventHooks.SLOT.get().loggedEvent(event);
    }
}
