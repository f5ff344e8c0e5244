package dev.vigil.agent.jdbc.explain;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import java.util.Properties;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code Driver#connect(String, Properties)}: how the application connects, for the index audit's own connection. */
public final class DriverConnectAdvice {
    private DriverConnectAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object driver, @Advice.Argument(0) String url, @Advice.Argument(1) Properties info,
                            @Advice.Return Object connection) {
        if (connection != null) {
            JdbcHooks.SLOT.get().connected(driver, url, info, connection);
        }
    }
}
