package dev.vigil.agent.http.jaxrs;

import dev.vigil.agent.http.bridge.HttpServerHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into JAX-RS resource methods: tells the running request its route template, a constant of this method. */
public final class ResourceMethodAdvice {
    private ResourceMethodAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@RouteTemplate String template) {
        HttpServerHooks.SLOT.get().route(template);
    }
}
