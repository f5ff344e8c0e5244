package dev.vigil.agent.tracing;

import dev.vigil.agent.WeakIdentityMap;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;

/**
 * Carries the current span to where the application's work goes: into executor tasks, onto outgoing
 * HTTP calls, and into the application's log context.
 *
 * <p>Tasks that are futures ({@code FutureTask}, {@code ForkJoinTask}, so {@code CompletableFuture}'s
 * async steps too) keep their identity: their context is remembered beside them and restored when they
 * run, because applications look at them again ({@code afterExecute}, {@code remove}). Other tasks are
 * wrapped.
 */
public final class ContextPropagation {
    private final Tracing tracing;
    private final WeakIdentityMap<Context> pending = new WeakIdentityMap<>();
    private final ThreadLocal<Scope> workerScope = new ThreadLocal<>();

    public ContextPropagation(Tracing tracing) {
        this.tracing = tracing;
    }

    public Object taskSubmitted(Object task) {
        if (task == null || task instanceof ContextTask) {
            return task;
        }
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return task;
        }
        if (task instanceof Future || task instanceof ForkJoinTask) {
            pending.put(task, context);
            return task;
        }
        if (task instanceof Runnable runnable) {
            return new ContextTask.OfRunnable(context, runnable);
        }
        if (task instanceof Callable<?> callable) {
            return new ContextTask.OfCallable<>(context, callable);
        }
        return task;
    }

    /** {@code ThreadPoolExecutor#execute}: the task keeps its identity; its context waits for {@link #workerStart}. */
    public void taskQueued(Object task) {
        if (task == null || task instanceof ContextTask) {
            return;
        }
        Context context = Context.current();
        if (Span.fromContext(context).getSpanContext().isValid()) {
            pending.put(task, context);
        }
    }

    /** {@code ThreadPoolExecutor#beforeExecute}: the worker takes on the task's context. */
    public void workerStart(Object task) {
        // A subclass whose afterExecute skipped super leaves the previous task's scope open: close it first.
        workerEnd();
        if (pending.isEmpty()) {
            return;
        }
        Context context = pending.remove(task);
        if (context != null) {
            workerScope.set(context.makeCurrent());
        }
    }

    /** {@code ThreadPoolExecutor#afterExecute}. */
    public void workerEnd() {
        Scope open = workerScope.get();
        if (open != null) {
            workerScope.remove();
            open.close();
        }
    }

    public Object taskStart(Object task) {
        if (pending.isEmpty()) {
            return null;
        }
        Context context = pending.remove(task);
        return context == null ? null : context.makeCurrent();
    }

    public void taskEnd(Object scope) {
        if (scope instanceof Scope open) {
            open.close();
        }
    }

    public Object outgoingHttpRequest(Object request) {
        if (!(request instanceof HttpRequest original) || original.headers().firstValue("traceparent").isPresent()
                || !Span.current().getSpanContext().isValid()) {
            return request;
        }
        HttpRequest.Builder copy = HttpRequest.newBuilder(original, (name, value) -> true);
        tracing.injectCurrent(copy::header);
        return copy.build();
    }

    public String[] outgoingTraceHeaders() {
        String[] headers = new String[2];
        tracing.injectCurrent((name, value) -> headers["traceparent".equals(name) ? 0 : 1] = value);
        return headers[0] == null ? null : headers;
    }

    public Map<String, String> withTraceFields(Map<String, String> mdc) {
        String[] fields = Tracing.currentLogFields();
        if (fields == null || (mdc != null && mdc.containsKey(Tracing.LOG_FIELD_NAMES.get(0)))) {
            return mdc;
        }
        Map<String, String> copy = mdc == null ? new HashMap<>(4) : new HashMap<>(mdc);
        for (int i = 0; i < fields.length; i++) {
            copy.put(Tracing.LOG_FIELD_NAMES.get(i), fields[i]);
        }
        return copy;
    }
}
