package dev.vigil.agent.traces.executor;

import dev.vigil.agent.traces.bridge.ContextHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ThreadPoolExecutor#afterExecute}: the worker drops the task's context. */
public final class WorkerAfterAdvice {
    private WorkerAfterAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter() {
        ContextHooks.SLOT.get().workerEnd();
    }
}
