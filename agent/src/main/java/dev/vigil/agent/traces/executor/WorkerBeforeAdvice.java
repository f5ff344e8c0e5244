package dev.vigil.agent.traces.executor;

import dev.vigil.agent.traces.bridge.ContextHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ThreadPoolExecutor#beforeExecute}: the worker takes on the context its task was queued with. */
public final class WorkerBeforeAdvice {
    private WorkerBeforeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(1) Object task) {
        ContextHooks.SLOT.get().workerStart(task);
    }
}
