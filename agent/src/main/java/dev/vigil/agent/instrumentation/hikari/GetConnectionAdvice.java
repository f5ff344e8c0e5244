package dev.vigil.agent.instrumentation.hikari;

import dev.vigil.bootstrap.VigilBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HikariDataSource#getConnection}: how long the application waited for a connection. */
public final class GetConnectionAdvice {
    private GetConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object dataSource, @Advice.Enter long start, @Advice.Thrown Throwable thrown) {
        VigilBridge.poolAcquired(dataSource, System.nanoTime() - start, thrown);
    }
}
