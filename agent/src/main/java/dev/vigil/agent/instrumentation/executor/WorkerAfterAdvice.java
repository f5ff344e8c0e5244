package dev.vigil.agent.instrumentation.executor;

import dev.vigil.bootstrap.VigilBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ThreadPoolExecutor#afterExecute}: the worker drops the task's context. */
public final class WorkerAfterAdvice {
    private WorkerAfterAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter() {
        VigilBridge.workerEnd();
    }
}
