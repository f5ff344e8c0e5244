package dev.vigil.agent.instrumentation.servlet;

import dev.vigil.bootstrap.VigilBridge;
import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code javax.servlet.Servlet#service} and {@code Filter#doFilter}. Only the
 * outermost call of a REQUEST dispatch is timed: the bridge returns null for nested filters and
 * servlets, and ERROR/ASYNC re-dispatches (Tomcat's /error page, async resumption) are the same
 * request and must not count twice.
 */
public final class JavaxServletAdvice {
    private JavaxServletAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) ServletRequest request) {
        if (!(request instanceof HttpServletRequest) || request.getDispatcherType() != DispatcherType.REQUEST) {
            return null;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        return VigilBridge.httpStart(http.getMethod(), http.getRequestURI(),
                http.getHeader("traceparent"), http.getHeader("tracestate"));
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Argument(0) ServletRequest request,
                            @Advice.Argument(1) ServletResponse response,
                            @Advice.Thrown Throwable thrown) {
        if (token == null) {
            return;
        }
        // Reads are guarded so that the bridge is always told the request ended: a request left open
        // would hide every later request on this thread.
        Object route = null;
        int status = 0;
        Object listener = null;
        try {
            route = request.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern");
            status = ((HttpServletResponse) response).getStatus();
            if (thrown == null && request.isAsyncStarted()) {
                listener = VigilBridge.httpAsync(token, route, AsyncListener.class, response);
                if (listener != null) {
                    request.getAsyncContext().addListener((AsyncListener) listener);
                }
            }
        } catch (Throwable ignored) {
            listener = null;
        }
        if (listener == null) {
            VigilBridge.httpEnd(token, route, status, thrown);
        }
    }
}
