package dev.vigil.agent.http.micronaut;

import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import io.netty.handler.codec.http.HttpResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code PipeliningServerHandler.OutboundAccessImpl#write} and {@code #writeHeadResponse}: the
 * response of the access's request starts, with the status Micronaut settled on (error routes applied).
 */
public final class ResponseStartedAdvice {
    private ResponseStartedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("request") Object request, @Advice.Argument(0) HttpResponse response) {
        ReactiveServerHooks.SLOT.get().responding(request, response.status().code());
    }
}
