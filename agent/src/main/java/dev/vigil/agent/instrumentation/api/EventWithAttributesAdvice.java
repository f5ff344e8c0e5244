package dev.vigil.agent.instrumentation.api;

import dev.vigil.bootstrap.VigilBridge;
import net.bytebuddy.asm.Advice;

/** {@code Vigil.event(name, attributes...)} and {@code Vigil.failure(name, attributes...)}. */
public final class EventWithAttributesAdvice {
    private EventWithAttributesAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Success boolean success, @Advice.Argument(0) String name,
                             @Advice.Argument(1) String[] attributes) {
        VigilBridge.businessEvent(name, attributes, success);
    }
}
