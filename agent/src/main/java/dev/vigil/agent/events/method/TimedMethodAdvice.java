package dev.vigil.agent.events.method;

import dev.vigil.agent.events.bridge.MethodHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into a method a business event names: its duration and whether it threw. */
public final class TimedMethodAdvice {
    private TimedMethodAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@PointcutId int pointcut, @Advice.Enter long startNanos, @Advice.Thrown Throwable thrown) {
        MethodHooks.SLOT.get().exit(pointcut, startNanos, thrown);
    }
}
