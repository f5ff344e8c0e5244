package dev.vigil.agent.http.unmatched;

import dev.vigil.agent.http.bridge.ConnectionHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into the JDK's {@code accept()} of server sockets: a connection came in (a non-blocking accept may return none). */
public final class AcceptAdvice {
    private AcceptAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return Object connection) {
        if (connection != null) {
            ConnectionHooks.SLOT.get().accepted(connection);
        }
    }
}
