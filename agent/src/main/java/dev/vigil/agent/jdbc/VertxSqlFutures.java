package dev.vigil.agent.jdbc;

import dev.vigil.agent.core.Proxies;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A Vert.x SQL client query's execution, ended by the {@code Future} its {@code execute} returned: a completion
 * handler of the agent's (a JDK proxy of {@code io.vertx.core.Handler}, made in the loader that has Vert.x) is added
 * to that future as it is returned, so Vert.x runs it before the application's own handlers, with the trace context
 * of the call that executed the query made current.
 */
final class VertxSqlFutures {
    /** What is called on a future of one class: its {@code onComplete(Handler)}, and the result's outcome. */
    private record Types(ClassLoader loader, Class<?> handler, Method onComplete, Method failed, Method cause) {
    }

    private static final ClassValue<Types> TYPES = new ClassValue<>() {
        @Override
        protected Types computeValue(Class<?> type) {
            Class<?> future = Proxies.findInterface(type, "io.vertx.core.Future");
            if (future == null) {
                return null;
            }
            try {
                ClassLoader loader = future.getClassLoader();
                Class<?> handler = Class.forName("io.vertx.core.Handler", false, loader);
                Class<?> result = Class.forName("io.vertx.core.AsyncResult", false, loader);
                return new Types(loader, handler, future.getMethod("onComplete", handler), result.getMethod("failed"),
                        result.getMethod("cause"));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
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
        Types types = TYPES.get(future.getClass());
        if (types == null) {
            return;
        }
        Context parent = Context.current();
        Span span = recorder.clientSpan(parent);
        long startNanos = System.nanoTime();
        Object handler = Proxy.newProxyInstance(types.loader, new Class<?>[] {types.handler}, (proxy, method, args) -> {
            if (Proxies.isObjectMethod(method)) {
                return Proxies.objectMethod(proxy, method, args, "VigilSqlCompletion");
            }
            long nanos = System.nanoTime() - startNanos;
            try (Scope ignored = parent.makeCurrent()) {
                Object result = args[0];
                Throwable error = Boolean.TRUE.equals(types.failed.invoke(result)) ? (Throwable) types.cause.invoke(result) : null;
                recorder.record(shape, system, nanos, error, batchSize, span, null, null, null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // unrecorded; the application's own handlers run all the same
            }
            return null;
        });
        try {
            types.onComplete.invoke(future, handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // unrecorded
        }
    }
}
