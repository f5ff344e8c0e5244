package io.prometheus.metrics.core.util;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Replaces the Prometheus client's class of the same name in the agent jar (the original is left out
 * by the shade filter). The client's exemplar sampler schedules a short task after each exemplar it
 * keeps, to accept the next one; the original ran those on a thread that lived for as long as the
 * JVM. Here the thread exists only while such a task is pending and ends a few seconds after the
 * last one, so an idle application carries no thread for it. Same API, same behaviour otherwise.
 */
public final class Scheduler {
    static final long IDLE_SECONDS = 5;

    private static final ScheduledThreadPoolExecutor EXECUTOR = executor();

    private Scheduler() {
    }

    private static ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "vigil-exemplar-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    public static ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return EXECUTOR.schedule(command, delay, unit);
    }

    /** Kept from the original API (its tests wait for the thread): runs an empty task and waits for it. */
    public static void awaitInitialization() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        schedule(latch::countDown, 0, TimeUnit.MILLISECONDS);
        latch.await();
    }

    /** Threads the scheduler holds now: 1 while a task is pending, 0 once it has been idle for a while. */
    static int threads() {
        return EXECUTOR.getPoolSize();
    }
}
