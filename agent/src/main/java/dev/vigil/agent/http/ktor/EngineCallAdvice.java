package dev.vigil.agent.http.ktor;

import dev.vigil.agent.http.bridge.KtorServerHooks;
import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import io.ktor.http.Headers;
import io.ktor.http.RequestConnectionPoint;
import io.ktor.server.application.ApplicationCall;
import io.ktor.server.engine.EnginePipeline;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into Ktor's {@code Pipeline#execute(context, subject, continuation)}; acts only for an
 * {@code EnginePipeline}, whose context is the engine's call. The request starts, current on this thread while the
 * pipeline runs here; it ends on return unless the pipeline suspended, then when it resumes the continuation handed
 * to it in place of the engine's.
 */
public final class EngineCallAdvice {
    private EngineCallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object pipeline, @Advice.Argument(0) Object context,
                               @Advice.Argument(value = 2, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                               Object continuation) {
        if (!(pipeline instanceof EnginePipeline) || !(context instanceof ApplicationCall call)) {
            return null;
        }
        RequestConnectionPoint local = call.getRequest().getLocal();
        Headers headers = call.getRequest().getHeaders();
        Object token = ReactiveServerHooks.SLOT.get().arrived(call, local.getMethod().getValue(), local.getUri(),
                headers.get("traceparent"), headers.get("tracestate"));
        if (token != null) {
            continuation = KtorServerHooks.SLOT.get().completion(call, continuation);
        }
        return token;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Argument(0) Object call,
                            @Advice.Return Object result, @Advice.Thrown Throwable thrown) {
        if (token == null) {
            return;
        }
        ReactiveServerHooks hooks = ReactiveServerHooks.SLOT.get();
        hooks.leave(token);
        if (thrown != null) {
            hooks.failed(call, thrown);
            hooks.ended(call, 500, true, false);
        } else if (result != IntrinsicsKt.getCOROUTINE_SUSPENDED()) {
            hooks.ended(call, -1, false, false);
        }
    }
}
