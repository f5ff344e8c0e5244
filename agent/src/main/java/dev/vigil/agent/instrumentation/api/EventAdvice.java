package dev.vigil.agent.instrumentation.api;

import dev.vigil.bootstrap.VigilBridge;
import net.bytebuddy.asm.Advice;

/** {@code Vigil.event(name)} and {@code Vigil.failure(name)}. */
public final class EventAdvice {
    private EventAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Success boolean success, @Advice.Argument(0) String name) {
        VigilBridge.businessEvent(name, null, success);
    }
}
