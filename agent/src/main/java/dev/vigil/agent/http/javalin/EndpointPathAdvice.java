package dev.vigil.agent.http.javalin;

import dev.vigil.agent.http.bridge.HttpServerHooks;
import io.javalin.http.HandlerType;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Javalin 6's {@code JavalinServletContext#update(ParsedEndpoint, String)}, which records each endpoint
 * Javalin matched: after an HTTP endpoint's, its path is the context's {@code endpointHandlerPath}, the route.
 */
public final class EndpointPathAdvice {
    private EndpointPathAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("handlerType") HandlerType type,
                            @Advice.FieldValue("endpointHandlerPath") String path) {
        if (path != null && type != null && type.isHttpMethod()) {
            HttpServerHooks.SLOT.get().route(path);
        }
    }
}
