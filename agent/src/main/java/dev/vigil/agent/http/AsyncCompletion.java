package dev.vigil.agent.http;

import dev.vigil.agent.core.Proxies;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Finishes an asynchronous servlet request when the container completes it. The listener interface
 * (javax or jakarta {@code AsyncListener}) is only visible to the application's class loader, so the
 * listener is a dynamic proxy defined there, and the few servlet calls it needs are made reflectively
 * through the public interfaces.
 */
final class AsyncCompletion implements InvocationHandler {
    private final HttpServerRecorder recorder;
    private final ServerRequest request;
    private final Object route;
    private final Object response;
    private final Method getStatus;
    private volatile Throwable error;

    private AsyncCompletion(HttpServerRecorder recorder, ServerRequest request, Object route, Object response,
                            Method getStatus) {
        this.recorder = recorder;
        this.request = request;
        this.route = route;
        this.response = response;
        this.getStatus = getStatus;
    }

    static Object listener(HttpServerRecorder recorder, ServerRequest request, Object route,
                           Class<?> listenerType, Object response) throws ReflectiveOperationException {
        String namespace = listenerType.getPackageName(); // javax.servlet or jakarta.servlet
        ClassLoader loader = listenerType.getClassLoader();
        Method getStatus = Class.forName(namespace + ".http.HttpServletResponse", false, loader).getMethod("getStatus");
        AsyncCompletion handler = new AsyncCompletion(recorder, request, route, response, getStatus);
        return Proxy.newProxyInstance(loader, new Class<?>[] {listenerType}, handler);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (Proxies.isObjectMethod(method)) {
            return Proxies.objectMethod(proxy, method, args, "VigilAsyncListener");
        }
        switch (method.getName()) {
            case "onComplete":
                int status = 0;
                try {
                    status = (Integer) getStatus.invoke(response);
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // recorded with an unknown status rather than not at all
                }
                recorder.record(request, route, status, error);
                return null;
            case "onError":
                error = (Throwable) invokeNoArg(args[0], "getThrowable");
                return null;
            case "onStartAsync":
                // A new startAsync() drops listeners unless they re-register (Servlet spec, AsyncListener#onStartAsync).
                Object context = invokeNoArg(args[0], "getAsyncContext");
                if (context != null) {
                    for (Method add : context.getClass().getMethods()) {
                        if (add.getName().equals("addListener") && add.getParameterCount() == 1) {
                            add.setAccessible(true);
                            add.invoke(context, proxy);
                            break;
                        }
                    }
                }
                return null;
            default: // onTimeout
                return null;
        }
    }

    private static Object invokeNoArg(Object target, String name) {
        try {
            return target.getClass().getMethod(name).invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
