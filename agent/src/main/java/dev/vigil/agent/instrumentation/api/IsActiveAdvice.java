package dev.vigil.agent.instrumentation.api;

import dev.vigil.bootstrap.VigilBridge;
import net.bytebuddy.asm.Advice;

/** {@code Vigil.isActive()} answers whether the agent runs (false when it is disabled). */
public final class IsActiveAdvice {
    private IsActiveAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return(readOnly = false) boolean active) {
        active = VigilBridge.isActive();
    }
}
