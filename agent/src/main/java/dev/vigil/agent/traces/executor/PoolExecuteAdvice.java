package dev.vigil.agent.traces.executor;

import dev.vigil.agent.traces.bridge.ContextHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ThreadPoolExecutor#execute}: the task is remembered with the current trace
 * context, not wrapped, so the pool, its queue and its hooks see the application's own object (a
 * {@code PriorityBlockingQueue} compares tasks; {@code beforeExecute} and {@code remove} get them back).
 */
public final class PoolExecuteAdvice {
    private PoolExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object task) {
        ContextHooks.SLOT.get().taskQueued(task);
    }
}
