package dev.vigil.agent.traces.executor;

import dev.vigil.agent.traces.bridge.ContextHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined where a JDK executor accepts a task: the task leaves with the current trace context. */
public final class TaskSubmitAdvice {
    private TaskSubmitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object task) {
        task = ContextHooks.SLOT.get().taskSubmitted(task);
    }
}
