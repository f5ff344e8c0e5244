package dev.vigil.agent.instrumentation.jaxrs;

import dev.vigil.bootstrap.VigilBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into JAX-RS resource methods: tells the running request its route template, a constant of this method. */
public final class ResourceMethodAdvice {
    private ResourceMethodAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@RouteTemplate String template) {
        VigilBridge.httpRoute(template);
    }
}
