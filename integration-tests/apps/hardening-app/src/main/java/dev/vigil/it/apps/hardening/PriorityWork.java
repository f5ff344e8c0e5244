package dev.vigil.it.apps.hardening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /prio}: five jobs through a one-thread pool whose queue orders them by priority, a common
 * way to let urgent work overtake. The pool's queue compares the jobs it holds, and its
 * {@code afterExecute} hook books each finished job: both see the very objects the app handed to
 * {@code execute}. Answers 200 with the order the jobs ran in, or 500 with what went wrong.
 */
final class PriorityWork implements HttpHandler {
    private static final int JOBS = 5;

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new PriorityBlockingQueue<>()) {
        @Override
        protected void afterExecute(Runnable task, Throwable error) {
            ((Job) task).done.countDown();
        }
    };

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        CountDownLatch done = new CountDownLatch(JOBS);
        List<Integer> order = new CopyOnWriteArrayList<>();
        try {
            // The first job holds the only thread for a moment, so the others queue and are ordered.
            pool.execute(new Job(0, order, done, 50));
            for (int priority : new int[] {4, 2, 3, 1}) {
                pool.execute(new Job(priority, order, done, 0));
            }
            if (!done.await(10, TimeUnit.SECONDS)) {
                Replies.send(exchange, 500, "jobs lost: ran " + order);
                return;
            }
            Replies.send(exchange, 200, "ran " + order);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Replies.send(exchange, 500, "interrupted");
        } catch (RuntimeException e) {
            Replies.send(exchange, 500, "execute failed: " + e.getClass().getName());
        }
    }

    private static final class Job implements Runnable, Comparable<Job> {
        final int priority;
        final List<Integer> order;
        final CountDownLatch done;
        final long millis;

        Job(int priority, List<Integer> order, CountDownLatch done, long millis) {
            this.priority = priority;
            this.order = order;
            this.done = done;
            this.millis = millis;
        }

        @Override
        public void run() {
            order.add(priority);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public int compareTo(Job other) {
            return Integer.compare(priority, other.priority);
        }
    }
}
