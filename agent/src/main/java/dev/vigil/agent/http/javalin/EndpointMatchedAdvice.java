package dev.vigil.agent.http.javalin;

import dev.vigil.agent.http.bridge.HttpServerHooks;
import io.javalin.router.Endpoint;
import net.bytebuddy.asm.Advice;

/** Inlined into Javalin's {@code JavalinServletContext#update(Endpoint, Map)}: an HTTP endpoint's path is the route. */
public final class EndpointMatchedAdvice {
    private EndpointMatchedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Endpoint endpoint) {
        if (endpoint.method.isHttpMethod()) {
            HttpServerHooks.SLOT.get().route(endpoint.path);
        }
    }
}
