package dev.vigil.agent.traces.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/**
 * What the executor advice calls to carry the trace context from the thread that hands a task over to
 * the thread that runs it. Tasks cross as {@code Object}.
 */
public abstract class ContextHooks {
    public static final HookSlot<ContextHooks> SLOT = HookSlot.notWaiting(new ContextHooks() {
    });

    /**
     * A task is handed to an executor: returns the task to run instead (a wrapper carrying the current
     * trace context), or the task itself (its context remembered for {@link #taskStart}, or none).
     */
    public Object taskSubmitted(Object task) {
        return task;
    }

    /** A remembered task starts running: returns what {@link #taskEnd} needs, or null. */
    public Object taskStart(Object task) {
        return null;
    }

    public void taskEnd(Object scope) {
    }

    /** A task is handed to a {@code ThreadPoolExecutor}: remember the current context for it, keep the task as it is. */
    public void taskQueued(Object task) {
    }

    /**
     * A one-shot task is queued on a {@code ScheduledThreadPoolExecutor}, {@code executor}: as
     * {@link #taskQueued}, unless the executor is one the agent's own code made.
     */
    public void taskScheduled(Object executor, Object task) {
        taskQueued(task);
    }

    /** A pool worker is about to run {@code task}: make the context it was queued with current. */
    public void workerStart(Object task) {
    }

    /** A pool worker ran its task: restore the worker's own context. */
    public void workerEnd() {
    }
}
