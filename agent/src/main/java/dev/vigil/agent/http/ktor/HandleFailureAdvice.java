package dev.vigil.agent.http.ktor;

import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import io.ktor.server.routing.RoutingCall;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Ktor's {@code handleFailure(call, error)}, where the engine pipeline answers a handler's exception no
 * plugin handled (a 500, or the 4xx Ktor maps it to). The call is the engine's, or Ktor 3's routing call wrapping
 * it. A suspend function: when it resumes, Kotlin calls it again with null arguments, which are no failure.
 */
public final class HandleFailureAdvice {
    private HandleFailureAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object call, @Advice.Argument(1) Throwable error) {
        if (call != null && error != null) {
            // By name first: Ktor 2 has no RoutingCall (it passes the engine's call), which must not be resolved there.
            ReactiveServerHooks.SLOT.get().failed(call.getClass().getName().equals("io.ktor.server.routing.RoutingCall")
                    ? ((RoutingCall) call).getPipelineCall().getEngineCall() : call, error);
        }
    }
}
