package dev.vigil.agent.traces;

import dev.vigil.agent.core.WeakIdentityMap;
import dev.vigil.agent.core.instrument.ClassHeaderFilter;
import dev.vigil.agent.traces.bridge.ContextHooks;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Carries the current span to where the application's work goes: into executor tasks (outgoing HTTP
 * calls and log lines are the {@code httpclient} and {@code logs} features).
 *
 * <p>Tasks that are futures ({@code FutureTask}, {@code ForkJoinTask}, so {@code CompletableFuture}'s
 * async steps too) keep their identity: their context is remembered beside them and restored when they
 * run, because applications look at them again ({@code afterExecute}, {@code remove}). Other tasks are
 * wrapped.
 */
public final class ContextPropagation extends ContextHooks {
    private final Tracing tracing;
    private final WeakIdentityMap<Context> pending = new WeakIdentityMap<>();
    private final ThreadLocal<Scope> workerScope = new ThreadLocal<>();

    public ContextPropagation(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
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
    @Override
    public void taskQueued(Object task) {
        if (task == null || task instanceof ContextTask) {
            return;
        }
        Context context = Context.current();
        if (Span.fromContext(context).getSpanContext().isValid()) {
            pending.put(task, context);
        }
    }

    /**
     * The agent's own scheduler (the exemplar sampler's, which schedules the end of its sampling period from
     * inside a request) runs nothing of the application's: its tasks take no context. Remembered, each would
     * keep the map of waiting tasks from being empty, and every worker of every pool would then look its task
     * up in it.
     */
    @Override
    public void taskScheduled(Object executor, Object task) {
        if (executor instanceof ThreadPoolExecutor pool && isAgents(pool.getThreadFactory())) {
            return;
        }
        taskQueued(task);
    }

    private static boolean isAgents(ThreadFactory threads) {
        return threads != null && threads.getClass().getName().startsWith(ClassHeaderFilter.AGENT_PACKAGE);
    }

    /** Waiting tasks whose context is remembered (test). */
    int waitingTasks() {
        return pending.size();
    }

    /** {@code ThreadPoolExecutor#beforeExecute}: the worker takes on the task's context. */
    @Override
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
    @Override
    public void workerEnd() {
        Scope open = workerScope.get();
        if (open != null) {
            workerScope.set(null); // the entry stays for the worker's next task
            open.close();
        }
    }

    @Override
    public Object taskStart(Object task) {
        if (pending.isEmpty()) {
            return null;
        }
        Context context = pending.remove(task);
        return context == null ? null : context.makeCurrent();
    }

    @Override
    public void taskEnd(Object scope) {
        if (scope instanceof Scope open) {
            open.close();
        }
    }
}
