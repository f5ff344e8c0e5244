package dev.vigil.agent.traces.executor;

import dev.vigil.agent.traces.bridge.ContextHooks;
import java.util.concurrent.RunnableScheduledFuture;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ScheduledThreadPoolExecutor#delayedExecute}, where {@code schedule}, {@code submit} and
 * {@code execute} queue their task without passing through {@code ThreadPoolExecutor#execute}: a one-shot
 * task keeps the context it was scheduled in. A periodic task does not: it would tie every run, for the
 * life of the application, to the request that happened to start it.
 */
public final class ScheduledQueueAdvice {
    private ScheduledQueueAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object executor, @Advice.Argument(0) RunnableScheduledFuture<?> task) {
        if (!task.isPeriodic()) {
            ContextHooks.SLOT.get().taskScheduled(executor, task);
        }
    }
}
