package dev.vigil.agent.http.ktor;

import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import io.ktor.http.HttpStatusCode;
import io.ktor.server.engine.BaseApplicationResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Ktor's {@code BaseApplicationResponse#commitHeaders}, which every engine's response runs once, when it
 * sends its status line and headers: the status the request ends with. Its call is read from the field, whose getter
 * returns an {@code ApplicationCall} in Ktor 2 and a {@code PipelineCall} in Ktor 3.
 */
public final class ResponseCommitAdvice {
    private ResponseCommitAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This BaseApplicationResponse response, @Advice.FieldValue("call") Object call) {
        HttpStatusCode status = response.status();
        if (status != null) {
            ReactiveServerHooks.SLOT.get().responding(call, status.getValue());
        }
    }
}
