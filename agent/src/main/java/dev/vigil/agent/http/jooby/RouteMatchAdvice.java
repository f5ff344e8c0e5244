package dev.vigil.agent.http.jooby;

import dev.vigil.agent.http.bridge.HttpServerHooks;
import dev.vigil.agent.http.bridge.JoobyServerHooks;
import io.jooby.Context;
import io.jooby.Route;
import io.jooby.Router;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Jooby's {@code RouterMatch#execute(Context, Route.Handler)} (and {@code StaticRouterMatch}'s, for a
 * route without path variables): the route's pattern as declared ({@code /orders/{id}}), null when none matched. A
 * servlet request running here (Jooby's Jetty server) takes it as its route; otherwise the request starts here.
 */
public final class RouteMatchAdvice {
    private RouteMatchAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Router.Match match, @Advice.Argument(0) Context context) {
        Route route = match.matches() ? match.route() : null;
        String template = route != null ? route.getPattern() : null;
        HttpServerHooks servlet = HttpServerHooks.SLOT.get();
        if (servlet.running()) {
            servlet.route(template);
            return null;
        }
        return JoobyServerHooks.SLOT.get().executing(context, context.getMethod(), context.getRequestPath(),
                context.header("traceparent").valueOrNull(), context.header("tracestate").valueOrNull(), template);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
        if (token != null) {
            JoobyServerHooks.SLOT.get().executed(token);
        }
    }
}
