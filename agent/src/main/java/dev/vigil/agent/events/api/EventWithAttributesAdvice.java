package dev.vigil.agent.events.api;

import dev.vigil.agent.events.bridge.ApiHooks;
import net.bytebuddy.asm.Advice;

/** {@code Vigil.event(name, attributes...)} and {@code Vigil.failure(name, attributes...)}. */
public final class EventWithAttributesAdvice {
    private EventWithAttributesAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Success boolean success, @Advice.Argument(0) String name,
                             @Advice.Argument(1) String[] attributes) {
        ApiHooks.SLOT.get().record(name, attributes, success);
    }
}
