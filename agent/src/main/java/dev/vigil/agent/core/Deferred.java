package dev.vigil.agent.core;

import dev.vigil.agent.core.log.AgentLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Work the application's start need not wait for or share its CPUs with: binding the JVM's meters, say. On a
 * host with two CPUs a start is CPU-bound, and such work on an agent thread delays the first answer as surely
 * as work on {@code main}. It runs once the application is up (the first request it served has ended), or
 * when something is about to read the metrics (a scrape, an export), or {@link #UP_WAIT_MILLIS} after the
 * agent's late start, whichever comes first; each task once.
 */
public final class Deferred {
    /** The latest a task waits: an application that serves no HTTP still has its JVM meters soon after its start. */
    public static final long UP_WAIT_MILLIS = 10_000;

    /**
     * Released when the application is up, or when a reader has run the tasks: either way the waiting thread has
     * nothing more to wait for. Not this object's monitor, which {@link #up} must never take: it is called on the
     * application's threads, and the tasks hold the monitor while they run.
     */
    private final CountDownLatch wake = new CountDownLatch(1);
    private volatile boolean up;
    /** Guarded by this; also while they run, so that a scrape asking for them waits until they have run. */
    private final List<Runnable> pending = new ArrayList<>();

    /** Runs {@code task} later, as the class says; added before {@link #awaitUpThenRun} is called. */
    public synchronized void add(Runnable task) {
        pending.add(task);
    }

    /** The application is up: the thread waiting in {@link #awaitUpThenRun} runs the tasks. A volatile read once called. */
    public void up() {
        if (!up) {
            up = true;
            wake.countDown();
        }
    }

    public boolean isUp() {
        return up;
    }

    /** Runs the tasks not run yet on the calling thread, and returns once they have run, here or on another thread. */
    public synchronized void runPending() {
        if (pending.isEmpty()) {
            return;
        }
        List<Runnable> due = new ArrayList<>(pending);
        pending.clear();
        for (Runnable task : due) {
            try {
                task.run();
            } catch (Throwable t) {
                // Each task guards its own work; this keeps one that does not from stopping the others.
                AgentLog.debug("deferred work failed: " + t);
            }
        }
        wake.countDown();
    }

    /**
     * On an agent thread: waits until the application is up, at most {@code millis}, then runs the tasks. Returns
     * at once when there are none, and as soon as a reader has run them.
     */
    public void awaitUpThenRun(long millis) {
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
        }
        try {
            wake.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runPending();
    }
}
