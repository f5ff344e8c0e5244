package dev.vigil.agent.http.helidon;

import dev.vigil.agent.http.bridge.HelidonServerHooks;
import dev.vigil.agent.http.bridge.HttpServerHooks;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.Optional;

/**
 * Helidon SE 4's requests as server requests of the HTTP recorder. Helidon's classes belong to the application's
 * class loader and are built for Java 21, so they are read through Helidon's public interfaces by method handles,
 * made once per class loader: the method and raw path from the request's prologue, the W3C trace headers, the
 * route Helidon matched ({@code matchingPattern}, a template such as {@code /users/{id}}) and the response's status.
 */
public final class HelidonServerRecorder extends HelidonServerHooks {
    private final HttpServerHooks requests;
    /** The accessors of the class loader last seen, most often the application's only one. */
    private volatile Access last;

    public HelidonServerRecorder(HttpServerHooks requests) {
        this.requests = requests;
    }

    @Override
    public Object routing(Object request) throws Exception {
        if (requests.running()) {
            return null; // routed again inside a request this thread already times
        }
        Access access = access(request.getClass().getClassLoader());
        try {
            Object prologue = access.prologue.invokeExact(request);
            Object headers = access.headers.invokeExact(request);
            String traceparent = header(access.first.invokeExact(headers, access.traceparent));
            // Without a traceparent a tracestate means nothing (W3C Trace Context): not looked up.
            String tracestate = traceparent == null ? null : header(access.first.invokeExact(headers, access.tracestate));
            return requests.start((String) access.method.invokeExact(prologue), (String) access.rawPath.invokeExact(prologue),
                    traceparent, tracestate);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void routed(Object token, Object request, Object response, Throwable error) {
        int status = 0;
        Object route = null;
        try {
            Access access = access(request.getClass().getClassLoader());
            status = (int) access.status.invokeExact(response);
            Object pattern = access.matchingPattern.invokeExact(request);
            route = ((Optional<?>) pattern).orElse(null);
        } catch (Throwable ignored) {
            // fall through: the request must still be ended
        }
        requests.end(token, route, status, error);
    }

    private static String header(Object first) {
        return (String) ((Optional<?>) first).orElse(null);
    }

    private Access access(ClassLoader loader) throws ReflectiveOperationException {
        Access access = last;
        if (access != null && access.loader.refersTo(loader)) {
            return access;
        }
        access = Access.of(loader);
        last = access;
        return access;
    }

    /** Method handles on Helidon's public interfaces, each typed {@code (Object...)Object} or returning a primitive. */
    private record Access(WeakReference<ClassLoader> loader, MethodHandle prologue, MethodHandle method,
                          MethodHandle rawPath, MethodHandle headers, MethodHandle first, Object traceparent,
                          Object tracestate, MethodHandle matchingPattern, MethodHandle status) {

        static Access of(ClassLoader loader) throws ReflectiveOperationException {
            Class<?> request = Class.forName("io.helidon.webserver.http.ServerRequest", false, loader);
            Class<?> response = Class.forName("io.helidon.webserver.http.ServerResponse", false, loader);
            Class<?> prologue = Class.forName("io.helidon.http.HttpPrologue", false, loader);
            Class<?> headers = Class.forName("io.helidon.http.Headers", false, loader);
            Class<?> headerName = Class.forName("io.helidon.http.HeaderName", false, loader);
            Class<?> headerNames = Class.forName("io.helidon.http.HeaderNames", false, loader);
            Class<?> method = Class.forName("io.helidon.http.Method", false, loader);
            Class<?> uriPath = Class.forName("io.helidon.common.uri.UriPath", false, loader);
            Class<?> status = Class.forName("io.helidon.http.Status", false, loader);
            java.lang.reflect.Method create = headerNames.getMethod("create", String.class);
            return new Access(new WeakReference<>(loader),
                    handle(request.getMethod("prologue")),
                    MethodHandles.filterReturnValue(handle(prologue.getMethod("method")), handle(method.getMethod("text")))
                            .asType(MethodType.methodType(String.class, Object.class)),
                    MethodHandles.filterReturnValue(handle(prologue.getMethod("uriPath")), handle(uriPath.getMethod("rawPath")))
                            .asType(MethodType.methodType(String.class, Object.class)),
                    handle(request.getMethod("headers")),
                    handle(headers.getMethod("first", headerName)),
                    create.invoke(null, "traceparent"),
                    create.invoke(null, "tracestate"),
                    matchingPattern(request),
                    MethodHandles.filterReturnValue(handle(response.getMethod("status")), handle(status.getMethod("code")))
                            .asType(MethodType.methodType(int.class, Object.class)));
        }

        /**
         * {@code ServerRequest#matchingPattern}, or, on a Helidon 4 release without it, a handle that answers no
         * pattern: the requests are still timed, under their normalised paths.
         */
        private static MethodHandle matchingPattern(Class<?> request) throws IllegalAccessException {
            try {
                return handle(request.getMethod("matchingPattern"));
            } catch (NoSuchMethodException absent) {
                return MethodHandles.dropArguments(MethodHandles.constant(Object.class, Optional.empty()), 0, Object.class);
            }
        }

        /** {@code method} as a handle taking its receiver and arguments as {@code Object}s, returning {@code Object}. */
        private static MethodHandle handle(java.lang.reflect.Method method) throws IllegalAccessException {
            MethodHandle handle = MethodHandles.publicLookup().unreflect(method);
            Class<?> returned = method.getReturnType();
            return handle.asType(handle.type().generic().changeReturnType(returned.isPrimitive() ? returned : Object.class));
        }
    }
}
