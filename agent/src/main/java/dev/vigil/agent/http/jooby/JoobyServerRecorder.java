package dev.vigil.agent.http.jooby;

import dev.vigil.agent.core.Proxies;
import dev.vigil.agent.http.bridge.JoobyServerHooks;
import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Jooby's requests on its Netty and Undertow servers, kept by {@link ReactiveServerHooks} under Jooby's context: each
 * ends when Jooby has sent its response, which it tells the completion listeners of the context
 * ({@code Context#onComplete}, given a proxy of {@code Route.Complete} in the application's class loader), with the
 * status it sent. It is current on the worker thread Jooby hands its handler to, whichever executor runs it
 * (Undertow's is not the JDK's).
 */
public final class JoobyServerRecorder extends JoobyServerHooks {
    private final ReactiveServerHooks requests;
    /** Jooby's types and members of the class loader last seen. */
    private volatile JoobyTypes jooby;

    public JoobyServerRecorder(ReactiveServerHooks requests) {
        this.requests = requests;
    }

    @Override
    public Object executing(Object context, String method, String path, String traceparent, String tracestate,
                            String route) {
        JoobyTypes types;
        Object listener;
        try {
            types = types(context.getClass().getClassLoader());
            listener = types.listener.newInstance(new Completion(types, context));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null; // a Jooby without these members: its requests are not timed rather than never ended
        }
        Object token = requests.arrived(context, method, path, traceparent, tracestate);
        if (token == null) {
            return null;
        }
        requests.route(context, route);
        try {
            types.onComplete.invoke(context, listener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            requests.leave(token);
            requests.ended(context, 0, false, true); // never ends otherwise: counted as cancelled
            return null;
        }
        return token;
    }

    @Override
    public void executed(Object token) {
        requests.leave(token);
    }

    @Override
    public Runnable dispatching(Object context, Runnable action) {
        return () -> {
            Object token = requests.resume(context);
            try {
                action.run();
            } finally {
                if (token != null) {
                    requests.leave(token);
                }
            }
        };
    }

    @Override
    public void failed(Object context, Throwable error) {
        requests.failed(context, error);
    }

    private JoobyTypes types(ClassLoader loader) throws ReflectiveOperationException {
        JoobyTypes known = jooby;
        if (known != null && known.loader == loader) {
            return known;
        }
        JoobyTypes found = new JoobyTypes(loader);
        jooby = found;
        return found;
    }

    /** {@code io.jooby.Context#onComplete}, {@code #getResponseCode}, {@code StatusCode#value}, a listener's proxy. */
    private static final class JoobyTypes {
        final ClassLoader loader;
        final Method onComplete;
        final Method getResponseCode;
        final Method value;
        final Constructor<?> listener;

        @SuppressWarnings("deprecation") // getProxyClass: the proxy class and constructor are looked up once here
        JoobyTypes(ClassLoader loader) throws ReflectiveOperationException {
            this.loader = loader;
            Class<?> context = Class.forName("io.jooby.Context", false, loader);
            Class<?> complete = Class.forName("io.jooby.Route$Complete", false, loader);
            onComplete = context.getMethod("onComplete", complete);
            getResponseCode = context.getMethod("getResponseCode");
            value = Class.forName("io.jooby.StatusCode", false, loader).getMethod("value");
            listener = Proxy.getProxyClass(complete.getClassLoader(), complete).getConstructor(InvocationHandler.class);
        }
    }

    /** The completion listener of one request's context: the request ends with the status Jooby sent. */
    private final class Completion implements InvocationHandler {
        private final JoobyTypes types;
        private final Object context;

        Completion(JoobyTypes types, Object context) {
            this.types = types;
            this.context = context;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "apply":
                    int status = 0;
                    try {
                        status = (Integer) types.value.invoke(types.getResponseCode.invoke(context));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // recorded with an unknown status rather than not at all
                    }
                    requests.ended(context, status, status > 0, false);
                    return null;
                default:
                    return Proxies.objectMethod(proxy, method, args, "VigilRequestComplete");
            }
        }
    }
}
