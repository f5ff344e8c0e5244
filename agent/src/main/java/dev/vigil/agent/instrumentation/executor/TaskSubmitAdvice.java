package dev.vigil.agent.instrumentation.executor;

import dev.vigil.bootstrap.VigilBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined where a JDK executor accepts a task: the task leaves with the current trace context. */
public final class TaskSubmitAdvice {
    private TaskSubmitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object task) {
        task = VigilBridge.taskSubmitted(task);
    }
}
