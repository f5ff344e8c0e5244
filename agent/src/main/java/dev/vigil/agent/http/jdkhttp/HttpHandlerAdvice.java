package dev.vigil.agent.http.jdkhttp;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import dev.vigil.agent.core.AgentThread;
import dev.vigil.agent.http.bridge.HttpServerHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into every {@code HttpHandler#handle}; the outermost handler of a request is timed. */
public final class HttpHandlerAdvice {
    private HttpHandlerAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) HttpExchange exchange) {
        HttpServerHooks hooks = HttpServerHooks.SLOT.get();
        if (hooks.running()) {
            return null; // a filter or handler inside the one that timed the request
        }
        boolean agents = false;
        try {
            // Another HttpServer implementation may have no context, or throw from it: then it is not the agent's.
            HttpContext context = exchange.getHttpContext();
            agents = context != null && context.getAttributes().containsKey(AgentThread.ENDPOINT_CONTEXT);
        } catch (Throwable ignored) {
            // not the agent's endpoint
        }
        if (agents) {
            return null; // a scrape or a page of the agent's endpoint, not a request of the application
        }
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        // Without a traceparent a tracestate means nothing (W3C Trace Context): not looked up.
        return hooks.start(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), traceparent,
                traceparent == null ? null : exchange.getRequestHeaders().getFirst("tracestate"));
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Argument(0) HttpExchange exchange,
                            @Advice.Thrown Throwable thrown) {
        if (token == null) {
            return;
        }
        int status = 0;
        Object route = null;
        try {
            status = exchange.getResponseCode();
            // A context created for exactly this path: a route the application declared, whatever it answers.
            String context = exchange.getHttpContext().getPath();
            if (context.length() > 1 && context.equals(exchange.getRequestURI().getRawPath())) {
                route = context;
            }
        } catch (Throwable ignored) {
            // fall through: the request must still be ended
        }
        HttpServerHooks.SLOT.get().end(token, route, status, thrown);
    }
}
