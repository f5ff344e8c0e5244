package dev.vigil.agent.httpclient.reactornetty;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Reactor's {@code MonoCreate$DefaultMonoSink#cancel}: when the sink is an attempt of a
 * call still waiting for its response, the application gave up on the call.
 */
public final class AttemptCancelledAdvice {
    private AttemptCancelledAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object sink) {
        HttpClientHooks.SLOT.get().futureCompletes(sink, 0, null, true);
    }
}
