package dev.vigil.agent.http.ktor;

import dev.vigil.agent.core.Proxies;
import dev.vigil.agent.core.WeakIdentityMap;
import dev.vigil.agent.http.bridge.KtorServerHooks;
import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Ktor's requests, kept by {@link ReactiveServerHooks} under the engine's call object. A request ends when the
 * coroutine that runs the engine pipeline for it is done: at once when the pipeline never suspends, else when it
 * resumes its caller with the result, which the advice sees by handing the pipeline a continuation of its own
 * ({@link Completion}). That continuation's coroutine context carries one element more than the engine's, a
 * {@code ThreadContextElement} ({@link RequestElement}) that makes the request current on whatever thread resumes any
 * of the pipeline's coroutines, or runs a {@code withContext} or {@code launch} block of the handler's: its trace in
 * the log lines and its JDBC statements counted to it there too. Both are proxies of the Kotlin interfaces in the
 * application's class loader. The route is the template of the routing node Ktor matched, read once per node.
 */
public final class KtorServerRecorder extends KtorServerHooks {
    private static final String CONTINUATION = "kotlin.coroutines.Continuation";
    /** More routing nodes than any application declares: beyond it templates are read anew, not kept. */
    private static final int MAX_NODES = 4096;

    private final ReactiveServerHooks requests;
    private final WeakIdentityMap<String> templates = new WeakIdentityMap<>();
    /** The Kotlin types of the class loader last seen. */
    private volatile KotlinTypes kotlin;

    public KtorServerRecorder(ReactiveServerHooks requests) {
        this.requests = requests;
    }

    @Override
    public Object completion(Object call, Object continuation) {
        try {
            KotlinTypes types = kotlinTypes(continuation.getClass());
            if (types == null) {
                return continuation;
            }
            Object context = types.getContext.invoke(continuation);
            if (types.element != null) {
                Object element = types.element.newInstance(new RequestElement(types, call));
                context = types.plus.invoke(context, element);
            }
            return types.continuation.newInstance(new Completion(call, continuation, context));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return continuation;
        }
    }

    @Override
    public void routed(Object call, Object route) {
        String template = templates.get(route);
        if (template == null) {
            template = KtorRoutes.template(String.valueOf(route));
            if (template != null && templates.size() < MAX_NODES) {
                templates.put(route, template);
            }
        }
        requests.route(call, template);
    }

    /** Whether a coroutine's result is a {@code kotlin.Result.Failure}, as a continuation is resumed with it. */
    static boolean isFailure(Object result) {
        return result != null && result.getClass().getName().equals("kotlin.Result$Failure");
    }

    private KotlinTypes kotlinTypes(Class<?> type) throws ReflectiveOperationException {
        KotlinTypes known = kotlin;
        if (known != null && known.continuationType.isAssignableFrom(type)) {
            return known;
        }
        Class<?> continuation = continuationInterface(type);
        if (continuation == null) {
            return null;
        }
        KotlinTypes found = new KotlinTypes(continuation, type.getClassLoader());
        kotlin = found;
        return found;
    }

    private static Class<?> continuationInterface(Class<?> type) {
        for (Class<?> each = type; each != null; each = each.getSuperclass()) {
            for (Class<?> implemented : each.getInterfaces()) {
                if (implemented.getName().equals(CONTINUATION)) {
                    return implemented;
                }
            }
        }
        return null;
    }

    /** Kotlin's and kotlinx.coroutines' types and members the proxies need, of one class loader. */
    private static final class KotlinTypes {
        final Class<?> continuationType;
        final Method getContext;
        final Constructor<?> continuation;
        /** CoroutineContext#plus, and its body for an element that does not override it (in DefaultImpls or not). */
        final Method plus;
        final Method defaultPlus;
        final Method invoke2;
        final Object emptyContext;
        /** The element's key, one per class loader; null without kotlinx.coroutines. */
        final Object key;
        final Constructor<?> element;

        @SuppressWarnings("deprecation") // getProxyClass: each proxy class and constructor is looked up once here
        KotlinTypes(Class<?> continuationType, ClassLoader loader) throws ReflectiveOperationException {
            this.continuationType = continuationType;
            ClassLoader kotlinLoader = continuationType.getClassLoader();
            getContext = continuationType.getMethod("getContext");
            continuation = Proxy.getProxyClass(kotlinLoader, continuationType).getConstructor(InvocationHandler.class);
            Class<?> context = Class.forName("kotlin.coroutines.CoroutineContext", false, kotlinLoader);
            plus = context.getMethod("plus", context);
            defaultPlus = plus.isDefault() ? null
                    : Class.forName("kotlin.coroutines.CoroutineContext$DefaultImpls", false, kotlinLoader)
                            .getMethod("plus", context, context);
            invoke2 = Class.forName("kotlin.jvm.functions.Function2", false, kotlinLoader)
                    .getMethod("invoke", Object.class, Object.class);
            emptyContext = Class.forName("kotlin.coroutines.EmptyCoroutineContext", false, kotlinLoader)
                    .getField("INSTANCE").get(null);
            Class<?> elementType = threadContextElement(loader);
            if (elementType == null) {
                key = null;
                element = null;
            } else {
                Class<?> keyType = Class.forName("kotlin.coroutines.CoroutineContext$Key", false, kotlinLoader);
                key = Proxy.newProxyInstance(kotlinLoader, new Class<?>[] {keyType},
                        (proxy, method, args) -> Proxies.objectMethod(proxy, method, args, "VigilRequestKey"));
                element = Proxy.getProxyClass(elementType.getClassLoader(), elementType)
                        .getConstructor(InvocationHandler.class);
            }
        }

        private static Class<?> threadContextElement(ClassLoader loader) {
            try {
                return Class.forName("kotlinx.coroutines.ThreadContextElement", false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
        }
    }

    /** The continuation the engine pipeline resumes when it is done: the request ends, then the engine's resumes. */
    private final class Completion implements InvocationHandler {
        private final Object call;
        private final Object delegate;
        private final Object context;

        Completion(Object call, Object delegate, Object context) {
            this.call = call;
            this.delegate = delegate;
            this.context = context;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "getContext":
                    return context;
                case "resumeWith":
                    try {
                        // A pipeline that failed (its coroutine cancelled: the client went away) and never answered is
                        // a cancelled request; one that answered ends with the status it answered.
                        requests.ended(call, -1, false, isFailure(args[0]));
                    } catch (RuntimeException e) {
                        // the request goes unrecorded; the application's coroutine must resume all the same
                    }
                    break;
                case "hashCode":
                case "equals":
                case "toString":
                    return Proxies.objectMethod(proxy, method, args, delegate);
                default:
                    break;
            }
            return Proxies.forward(method, delegate, args);
        }
    }

    /**
     * The request's {@code ThreadContextElement}: kotlinx.coroutines calls {@code updateThreadContext} before it runs
     * a coroutine of the context on a thread and {@code restoreThreadContext} after. The request is current there
     * in between, unless another already is (then both do nothing).
     */
    private final class RequestElement implements InvocationHandler {
        private final KotlinTypes types;
        private final Object call;

        RequestElement(KotlinTypes types, Object call) {
            this.types = types;
            this.call = call;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "updateThreadContext":
                    try {
                        return requests.resume(call);
                    } catch (RuntimeException e) {
                        return null;
                    }
                case "restoreThreadContext":
                    if (args[1] != null) {
                        requests.leave(args[1]);
                    }
                    return null;
                case "getKey":
                    return types.key;
                case "get":
                    return args[0] == types.key ? proxy : null;
                case "minusKey":
                    return args[0] == types.key ? types.emptyContext : proxy;
                case "fold":
                    return Proxies.forward(types.invoke2, args[1], args[0], proxy);
                case "plus":
                    if (method.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    return Proxies.forward(types.defaultPlus, null, proxy, args[0]);
                default:
                    return Proxies.objectMethod(proxy, method, args, "VigilRequest");
            }
        }
    }
}
