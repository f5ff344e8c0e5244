package dev.vigil.agent.events.log4j;

import dev.vigil.agent.events.bridge.LogEventHooks;
import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.message.Message;

/**
 * Inlined into a Log4j2 {@code ReliabilityStrategy#log(Supplier, String loggerName, String fqcn, Marker,
 * Level, Message, Throwable)}: the message is formatted only for loggers an event names.
 */
public final class Log4jLineAdvice {
    private Log4jLineAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(1) String logger, @Advice.Argument(4) Level level,
                             @Advice.Argument(5) Message message) {
        LogEventHooks hooks = LogEventHooks.SLOT.get();
        if (message != null && hooks.wants(logger)) {
            hooks.loggedLine(logger, message.getFormattedMessage(), level != null && level.isMoreSpecificThan(Level.ERROR));
        }
    }
}
