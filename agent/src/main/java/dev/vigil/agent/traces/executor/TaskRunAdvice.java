package dev.vigil.agent.traces.executor;

import dev.vigil.agent.traces.bridge.ContextHooks;
import net.bytebuddy.asm.Advice;

/** Inlined where a remembered task runs ({@code FutureTask#run}, {@code ForkJoinTask#doExec}): its context is current meanwhile. */
public final class TaskRunAdvice {
    private TaskRunAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object task) {
        return ContextHooks.SLOT.get().taskStart(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object scope) {
        if (scope != null) {
            ContextHooks.SLOT.get().taskEnd(scope);
        }
    }
}
