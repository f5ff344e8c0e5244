package dev.vigil.agent.events.logback;

import dev.vigil.agent.events.bridge.LogEventHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Logback's {@code Logger#callAppenders(ILoggingEvent)}. Only the logger's name is read
 * here (a field, so no Logback type is named in the advice, which the agent's own relocated Logback
 * would otherwise capture); the agent reads the message only for loggers an event names.
 */
public final class LogbackEventAdvice {
    private LogbackEventAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("name") String logger, @Advice.Argument(0) Object event)
            throws Exception {
        LogEventHooks hooks = LogEventHooks.SLOT.get();
        if (hooks.wants(logger)) {
            hooks.logged(logger, event);
        }
    }
}
