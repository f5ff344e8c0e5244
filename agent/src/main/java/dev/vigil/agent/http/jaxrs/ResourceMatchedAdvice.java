package dev.vigil.agent.http.jaxrs;

import dev.vigil.agent.http.bridge.ResteasyReactiveHooks;
import net.bytebuddy.asm.Advice;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.mapping.URITemplate;

/**
 * Inlined into RESTEasy Reactive's {@code ResteasyReactiveRequestContext#restart(RuntimeResource, boolean)}, called
 * with each resource method a request is matched to: its templates come from the deployment model, so an
 * {@code @Path} declared on an interface counts as well as one on the class.
 */
public final class ResourceMatchedAdvice {
    private ResourceMatchedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object context, @Advice.Argument(0) RuntimeResource target,
                            @Advice.Argument(1) boolean subResource) {
        URITemplate classPath = target.getClassPath();
        URITemplate path = target.getPath();
        ResteasyReactiveHooks.SLOT.get().matched(context, classPath == null ? null : classPath.template,
                path == null ? null : path.template, subResource);
    }
}
