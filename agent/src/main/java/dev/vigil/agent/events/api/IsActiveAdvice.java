package dev.vigil.agent.events.api;

import dev.vigil.agent.events.bridge.ApiHooks;
import net.bytebuddy.asm.Advice;

/** {@code Vigil.isActive()} answers whether the agent runs (false when it is disabled). */
public final class IsActiveAdvice {
    private IsActiveAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return(readOnly = false) boolean active) {
        active = ApiHooks.SLOT.get().isActive();
    }
}
