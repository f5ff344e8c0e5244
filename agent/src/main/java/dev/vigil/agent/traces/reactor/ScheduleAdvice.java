package dev.vigil.agent.traces.reactor;

import dev.vigil.agent.traces.bridge.ContextHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into Reactor's {@code Schedulers#onSchedule(Runnable)}, through which every Reactor scheduler
 * passes each task it is given: the task leaves with the current trace context.
 */
public final class ScheduleAdvice {
    private ScheduleAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Runnable task) {
        task = (Runnable) ContextHooks.SLOT.get().taskSubmitted(task);
    }
}
