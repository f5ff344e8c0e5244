package dev.vigil.agent.jdbc;

import dev.vigil.agent.core.Proxies;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * R2DBC's publishers: a statement's execution, timed from each subscription to the first of its end, its error and
 * its cancellation (a consumer that takes the first row and cancels); a connection factory's connection; a result's
 * rows. All hand their signals on under the trace context of the subscription, so what the application does with a
 * row or a connection on the driver's event loop (the next statement, a log line) belongs to its request, and a
 * reactive request's statements count to it as JDBC's do.
 *
 * <p>What the application gets instead must fit the type the method declares. The agent's publisher is a JDK proxy of
 * {@code org.reactivestreams.Publisher}, made in the loader that has the driver's own; the subscriber and the
 * subscription the driver then sees are proxies too, which pass every signal on unchanged. Declared a Reactor
 * {@code Flux} or {@code Mono} (r2dbc-h2's statement, r2dbc-pool's factory: Byte Buddy leaves their synthetic
 * {@code Publisher} bridge methods alone), the proxy is handed over through Reactor's own {@code Flux.from} or
 * {@code Mono.from}. Any other declared type keeps its publisher, unmeasured.
 */
final class ReactiveExecution {
    private static final String PUBLISHER = "org.reactivestreams.Publisher";

    /** The Reactive Streams interfaces as the publisher's class sees them, or null when it is no such publisher. */
    private record Types(ClassLoader loader, Class<?> publisher, Class<?> subscriber, Class<?> subscription) {
    }

    private static final ClassValue<Types> TYPES = new ClassValue<>() {
        @Override
        protected Types computeValue(Class<?> type) {
            Class<?> publisher = Proxies.findInterface(type, PUBLISHER);
            if (publisher == null) {
                return null;
            }
            try {
                ClassLoader loader = publisher.getClassLoader();
                return new Types(loader, publisher, Class.forName("org.reactivestreams.Subscriber", false, loader),
                        Class.forName("org.reactivestreams.Subscription", false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
        }
    };

    /** A Reactor publisher type ({@code Flux}, {@code Mono}) and its {@code from(Publisher)}, or null for any other. */
    private record Reactor(String type, Method from) {
    }

    private static final ClassValue<Reactor> REACTOR = new ClassValue<>() {
        @Override
        protected Reactor computeValue(Class<?> type) {
            for (Class<?> each = type; each != null; each = each.getSuperclass()) {
                String name = each.getName();
                if (name.equals("reactor.core.publisher.Flux") || name.equals("reactor.core.publisher.Mono")) {
                    Types types = TYPES.get(type);
                    try {
                        return types == null ? null : new Reactor(name, each.getMethod("from", types.publisher));
                    } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
                        return null;
                    }
                }
            }
            return null;
        }
    };

    private ReactiveExecution() {
    }

    /**
     * {@code publisher} timed per subscription under {@code shape}, as a value of {@code declaredType} (the return type
     * of the {@code execute()} that returned it); itself when no form fits that type.
     */
    static Object timed(Object publisher, String declaredType, JdbcRecorder recorder, SqlShape shape, String system) {
        return wrap(publisher, declaredType, new Timing(recorder, shape, system));
    }

    /** {@code publisher} (a connection factory's, a result's), its signals under the context of their subscription. */
    static Object traced(Object publisher, String declaredType) {
        return wrap(publisher, declaredType, null);
    }

    private static Object wrap(Object publisher, String declaredType, Timing timing) {
        Types types = TYPES.get(publisher.getClass());
        if (types == null) {
            return publisher;
        }
        Reactor reactor = null;
        if (!PUBLISHER.equals(declaredType)) {
            reactor = REACTOR.get(publisher.getClass());
            if (reactor == null || !reactor.type.equals(declaredType)) {
                return publisher;
            }
        }
        Object proxy = Proxy.newProxyInstance(types.loader, new Class<?>[] {types.publisher},
                new TracedPublisher(types, publisher, timing));
        if (reactor == null) {
            return proxy;
        }
        try {
            return reactor.from.invoke(null, proxy);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return publisher;
        }
    }

    /** What an execution is recorded under. */
    private record Timing(JdbcRecorder recorder, SqlShape shape, String system) {
    }

    private static final class TracedPublisher implements InvocationHandler {
        private final Types types;
        private final Object delegate;
        private final Timing timing;

        TracedPublisher(Types types, Object delegate, Timing timing) {
            this.types = types;
            this.delegate = delegate;
            this.timing = timing;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (Proxies.isObjectMethod(method)) {
                return Proxies.objectMethod(proxy, method, args, delegate);
            }
            if (method.getName().equals("subscribe") && args != null && args.length == 1 && args[0] != null) {
                Object subscriber = args[0];
                try {
                    Context parent = Context.current();
                    Execution execution = timing == null ? null : new Execution(timing, parent);
                    subscriber = Proxy.newProxyInstance(types.loader, new Class<?>[] {types.subscriber},
                            new TracedSubscriber(types, subscriber, parent, execution));
                } catch (RuntimeException | LinkageError e) {
                    // this subscription goes unrecorded; the application's goes ahead
                }
                return Proxies.forward(method, delegate, new Object[] {subscriber});
            }
            return Proxies.forward(method, delegate, args);
        }
    }

    private static final class TracedSubscriber implements InvocationHandler {
        private final Types types;
        private final Object delegate;
        private final Context parent;
        private final Execution execution;

        TracedSubscriber(Types types, Object delegate, Context parent, Execution execution) {
            this.types = types;
            this.delegate = delegate;
            this.parent = parent;
            this.execution = execution;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (Proxies.isObjectMethod(method)) {
                return Proxies.objectMethod(proxy, method, args, delegate);
            }
            if (execution != null) {
                switch (method.getName()) {
                    case "onSubscribe":
                        if (args[0] != null) {
                            args = new Object[] {Proxy.newProxyInstance(types.loader, new Class<?>[] {types.subscription},
                                    new TimedSubscription(args[0], execution))};
                        }
                        break;
                    case "onError":
                        execution.failed(args[0] instanceof Throwable error ? error : null);
                        execution.end();
                        break;
                    case "onComplete":
                        execution.end();
                        break;
                    default:
                        break;
                }
            }
            if (Context.current() == parent) {
                return Proxies.forward(method, delegate, args);
            }
            try (Scope ignored = parent.makeCurrent()) {
                return Proxies.forward(method, delegate, args);
            }
        }
    }

    private static final class TimedSubscription implements InvocationHandler {
        private final Object delegate;
        private final Execution execution;

        TimedSubscription(Object delegate, Execution execution) {
            this.delegate = delegate;
            this.execution = execution;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (Proxies.isObjectMethod(method)) {
                return Proxies.objectMethod(proxy, method, args, delegate);
            }
            if (method.getName().equals("cancel")) {
                execution.end(); // the consumer had what it wanted: no error
            }
            return Proxies.forward(method, delegate, args);
        }
    }

    /** One subscription's execution: recorded once, by the first of its ends. */
    private static final class Execution {
        private final Timing timing;
        private final Context parent;
        private final Span span;
        private final long startNanos = System.nanoTime();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Throwable error;

        Execution(Timing timing, Context parent) {
            this.timing = timing;
            this.parent = parent;
            this.span = timing.recorder.clientSpan(parent);
        }

        void failed(Throwable error) {
            this.error = error;
        }

        void end() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            long nanos = System.nanoTime() - startNanos;
            try (Scope ignored = parent.makeCurrent()) {
                timing.recorder.record(timing.shape, timing.system, nanos, error, -1, span, null, null, null);
            } catch (RuntimeException e) {
                // unrecorded; the signal goes on to the application all the same
            }
        }
    }
}
