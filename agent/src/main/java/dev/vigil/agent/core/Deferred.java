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
 * features started, whichever comes first; each task once.
 */
public final class Deferred {
    /** The latest a task waits: an application that serves no HTTP still has its JVM meters soon after its start. */
    public static final long UP_WAIT_MILLIS = 10_000;

    private final CountDownLatch up = new CountDownLatch(1);
    /** Guarded by this; also while they run, so that a scrape asking for them waits until they have run. */
    private final List<Runnable> pending = new ArrayList<>();

    /** Runs {@code task} later, as the class says. */
    public synchronized void add(Runnable task) {
        pending.add(task);
    }

    /** The application is up: the thread waiting in {@link #awaitUpThenRun} runs the tasks. Cheap once called. */
    public void up() {
        up.countDown();
    }

    public boolean isUp() {
        return up.getCount() == 0;
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
    }

    /** On an agent thread: waits until the application is up, at most {@code millis}, then runs the tasks. */
    public void awaitUpThenRun(long millis) {
        try {
            up.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runPending();
    }
}
