package dev.vigil.agent.events.api;

import dev.vigil.agent.events.bridge.ApiHooks;
import net.bytebuddy.asm.Advice;

/** {@code Vigil.event(name)} and {@code Vigil.failure(name)}. */
public final class EventAdvice {
    private EventAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Success boolean success, @Advice.Argument(0) String name) {
        ApiHooks.SLOT.get().record(name, null, success);
    }
}
