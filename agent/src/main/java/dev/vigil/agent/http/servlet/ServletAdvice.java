package dev.vigil.agent.http.servlet;

import dev.vigil.agent.http.bridge.HttpServerHooks;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code jakarta.servlet.Servlet#service} and {@code Filter#doFilter}, and, rewritten to
 * the {@code javax.servlet} names at start-up ({@link JavaxRewrite}), into their {@code javax} twins. Only the
 * outermost call of a REQUEST dispatch is timed: the recorder returns null for nested filters and
 * servlets, and ERROR/ASYNC re-dispatches (Tomcat's /error page, async resumption) are the same
 * request and must not count twice.
 */
public final class ServletAdvice {
    private ServletAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) ServletRequest request) {
        HttpServerHooks hooks = HttpServerHooks.SLOT.get();
        // A filter or servlet inside the one that timed the request reads nothing of it.
        if (hooks.running() || !(request instanceof HttpServletRequest)
                || request.getDispatcherType() != DispatcherType.REQUEST) {
            return null;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        String traceparent = http.getHeader("traceparent");
        // Without a traceparent a tracestate means nothing (W3C Trace Context): not looked up.
        return hooks.start(http.getMethod(), http.getRequestURI(), traceparent,
                traceparent == null ? null : http.getHeader("tracestate"));
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Argument(0) ServletRequest request,
                            @Advice.Argument(1) ServletResponse response,
                            @Advice.Thrown Throwable thrown) {
        if (token == null) {
            return;
        }
        // Reads are guarded so that the hooks are always told the request ended: a request left open
        // would hide every later request on this thread.
        Object route = null;
        int status = 0;
        Object listener = null;
        try {
            route = request.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern");
            if (route != null) {
                // Spring's pattern is relative to the application and to a prefix-mapped DispatcherServlet
                // (server.servlet.context-path, spring.mvc.servlet.path): the route is the path users call.
                HttpServletRequest http = (HttpServletRequest) request;
                String prefix = http.getContextPath();
                try {
                    if (http.getHttpServletMapping().getMappingMatch() == MappingMatch.PATH) {
                        prefix = prefix + http.getServletPath();
                    }
                } catch (Throwable ignored) {
                    // Servlet 3.x has no mapping to ask; the context path is still known
                }
                if (!prefix.isEmpty()) {
                    route = prefix + route;
                }
            }
            status = ((HttpServletResponse) response).getStatus();
            if (thrown == null && request.isAsyncStarted()) {
                listener = HttpServerHooks.SLOT.get().async(token, route, AsyncListener.class, response);
                if (listener != null) {
                    request.getAsyncContext().addListener((AsyncListener) listener);
                }
            }
        } catch (Throwable ignored) {
            listener = null;
        }
        if (route == null) {
            try {
                // A servlet mapped to one exact path: a route the application declared, whatever it answers.
                HttpServletMapping mapping = ((HttpServletRequest) request).getHttpServletMapping();
                if (mapping.getMappingMatch() == MappingMatch.EXACT) {
                    route = ((HttpServletRequest) request).getContextPath() + mapping.getPattern();
                }
            } catch (Throwable ignored) {
                // Servlet 3.x has no mapping to ask: the path is normalised instead
            }
        }
        if (listener == null) {
            HttpServerHooks.SLOT.get().end(token, route, status, thrown);
        }
    }
}
