package dev.vigil.agent.http.spark;

import dev.vigil.agent.http.bridge.HttpServerHooks;
import net.bytebuddy.asm.Advice;
import spark.routematch.RouteMatch;

/** Inlined into Spark's {@code Routes#find(HttpMethod, String, String)}: the route it found is the request's. */
public final class RouteFoundAdvice {
    private RouteFoundAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return RouteMatch match) {
        if (match != null && match.getMatchUri() != null) {
            HttpServerHooks.SLOT.get().route(match.getMatchUri());
        }
    }
}
