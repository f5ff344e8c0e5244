package dev.vigil.agent.jdbc;

import dev.vigil.agent.core.Proxies;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A Vert.x SQL client query's execution, ended by the {@code AsyncResult} Vert.x completes it with: handed to the
 * {@code Future} its {@code execute} returned (a completion handler of the agent's, added as the future is returned,
 * so Vert.x runs it before the application's own handlers), or to the callback the application passed (Vert.x 4,
 * which Quarkus' Mutiny clients call: the agent's handler records, then calls it). Either handler is a JDK proxy of
 * {@code io.vertx.core.Handler}, made in the loader that has Vert.x, and records with the trace context of the call
 * that executed the query made current.
 */
final class VertxSqlFutures {
    private static final String HANDLER = "io.vertx.core.Handler";

    /** A future class's {@code onComplete(Handler)}, and the handler interface it takes. */
    private record FutureType(ClassLoader loader, Class<?> handler, Method onComplete) {
    }

    private static final ClassValue<FutureType> FUTURES = new ClassValue<>() {
        @Override
        protected FutureType computeValue(Class<?> type) {
            Class<?> future = Proxies.findInterface(type, "io.vertx.core.Future");
            if (future == null) {
                return null;
            }
            try {
                Class<?> handler = Class.forName(HANDLER, false, future.getClassLoader());
                return new FutureType(future.getClassLoader(), handler, future.getMethod("onComplete", handler));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    };

    /** An {@code AsyncResult} class's {@code failed()} and {@code cause()}. */
    private record ResultType(Method failed, Method cause) {
    }

    private static final ClassValue<ResultType> RESULTS = new ClassValue<>() {
        @Override
        protected ResultType computeValue(Class<?> type) {
            Class<?> result = Proxies.findInterface(type, "io.vertx.core.AsyncResult");
            try {
                return result == null ? null : new ResultType(result.getMethod("failed"), result.getMethod("cause"));
            } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    };

    /** A client's {@code driver()} (Vert.x 5), or null where it has none. */
    private static final ClassValue<Method> DRIVER = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                return type.getMethod("driver");
            } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    };

    private VertxSqlFutures() {
    }

    /**
     * {@code db_system_name} of a client's queries: from its driver's package ({@code io.vertx.pgclient}), as a
     * pool of Vert.x 5 is one class for every database; else from the client's own class.
     */
    static String system(Object client) {
        Method driver = DRIVER.get(client.getClass());
        if (driver != null) {
            try {
                Object found = driver.invoke(client);
                if (found != null) {
                    return DbSystems.of(found.getClass());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // named from the client below
            }
        }
        return DbSystems.of(client.getClass());
    }

    /** Records the execution under {@code shape} when {@code future} completes. */
    static void whenComplete(Object future, JdbcRecorder recorder, SqlShape shape, String system, int batchSize) {
        FutureType type = FUTURES.get(future.getClass());
        if (type == null) {
            return;
        }
        Completion completion = new Completion(recorder, shape, system, batchSize);
        Object handler = Proxy.newProxyInstance(type.loader, new Class<?>[] {type.handler}, (proxy, method, args) -> {
            if (Proxies.isObjectMethod(method)) {
                return Proxies.objectMethod(proxy, method, args, "VigilSqlCompletion");
            }
            completion.complete(args[0]);
            return null;
        });
        try {
            type.onComplete.invoke(future, handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // unrecorded
        }
    }

    /** {@code callback}, the application's, behind a handler that first records the execution under {@code shape}. */
    static Object beforeCallback(Object callback, JdbcRecorder recorder, SqlShape shape, String system, int batchSize) {
        Class<?> handler = Proxies.findInterface(callback.getClass(), HANDLER);
        if (handler == null) {
            return callback;
        }
        Completion completion = new Completion(recorder, shape, system, batchSize);
        return Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, (proxy, method, args) -> {
            if (Proxies.isObjectMethod(method)) {
                return Proxies.objectMethod(proxy, method, args, callback);
            }
            completion.complete(args[0]);
            return Proxies.forward(method, callback, args);
        });
    }

    /** One execution, from the call that executed it to its result. */
    private static final class Completion {
        private final JdbcRecorder recorder;
        private final SqlShape shape;
        private final String system;
        private final int batchSize;
        private final Context parent = Context.current();
        private final Span span;
        private final long startNanos = System.nanoTime();

        Completion(JdbcRecorder recorder, SqlShape shape, String system, int batchSize) {
            this.recorder = recorder;
            this.shape = shape;
            this.system = system;
            this.batchSize = batchSize;
            this.span = recorder.clientSpan(parent);
        }

        void complete(Object result) {
            long nanos = System.nanoTime() - startNanos;
            try (Scope ignored = parent.makeCurrent()) {
                ResultType type = result == null ? null : RESULTS.get(result.getClass());
                Throwable error = type != null && Boolean.TRUE.equals(type.failed.invoke(result))
                        ? (Throwable) type.cause.invoke(result) : null;
                recorder.record(shape, system, nanos, error, batchSize, span, null, null, null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // unrecorded; the application's own handlers run all the same
            }
        }
    }
}
