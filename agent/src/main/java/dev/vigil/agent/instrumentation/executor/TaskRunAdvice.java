package dev.vigil.agent.instrumentation.executor;

import dev.vigil.bootstrap.VigilBridge;
import net.bytebuddy.asm.Advice;

/** Inlined where a remembered task runs ({@code FutureTask#run}, {@code ForkJoinTask#doExec}): its context is current meanwhile. */
public final class TaskRunAdvice {
    private TaskRunAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object task) {
        return VigilBridge.taskStart(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object scope) {
        if (scope != null) {
            VigilBridge.taskEnd(scope);
        }
    }
}
