package dev.vigil.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeferredTest {
    private final Deferred deferred = new Deferred();
    private final List<String> ran = new ArrayList<>();

    @Test
    void theTasksWaitUntilTheApplicationIsUpThenRunOnceOnTheWaitingThread() throws Exception {
        deferred.add(() -> ran.add(Thread.currentThread().getName()));
        Thread waiting = new Thread(() -> deferred.awaitUpThenRun(60_000), "waiting");
        waiting.start();

        waiting.join(200);
        assertThat(waiting.isAlive()).as("still waiting for the application").isTrue();
        assertThat(ran).isEmpty();

        deferred.up();
        waiting.join(10_000);
        assertThat(waiting.isAlive()).isFalse();
        assertThat(ran).containsExactly("waiting");

        deferred.runPending();
        deferred.up();
        assertThat(ran).as("each task once").hasSize(1);
    }

    @Test
    void aReaderOfTheMetricsRunsThemAtOnceAndTheWaitingThreadThenHasNothingLeft() {
        deferred.add(() -> ran.add("bound"));

        deferred.runPending();

        assertThat(ran).containsExactly("bound");
        assertThat(deferred.isUp()).as("a scrape is not the application being up").isFalse();
        deferred.awaitUpThenRun(1);
        assertThat(ran).containsExactly("bound");
    }

    @Test
    void theWaitingThreadEndsOnceAReaderHasRunTheTasksAndAtOnceWhenThereAreNone() throws Exception {
        Deferred nothing = new Deferred();
        long startNanos = System.nanoTime();
        nothing.awaitUpThenRun(60_000);
        assertThat(System.nanoTime() - startNanos).as("no wait without tasks").isLessThan(TimeUnit.SECONDS.toNanos(30));

        deferred.add(() -> ran.add("bound"));
        Thread waiting = new Thread(() -> deferred.awaitUpThenRun(60_000), "waiting");
        waiting.start();
        waiting.join(200);
        assertThat(waiting.isAlive()).isTrue();

        deferred.runPending(); // a scrape, before the application is up
        waiting.join(30_000);

        assertThat(waiting.isAlive()).as("the waiting thread, once a scrape ran the tasks").isFalse();
        assertThat(ran).containsExactly("bound");
        assertThat(deferred.isUp()).isFalse();
    }

    @Test
    void anApplicationThatNeverAnswersHasTheTasksRunAfterTheBoundedWait() {
        deferred.add(() -> ran.add("bound"));

        deferred.awaitUpThenRun(50);

        assertThat(ran).containsExactly("bound");
    }

    @Test
    void aFailingTaskDoesNotKeepTheOthersFromRunning() {
        deferred.add(() -> {
            throw new IllegalStateException("no JMX here");
        });
        deferred.add(() -> ran.add("second"));

        deferred.runPending();

        assertThat(ran).containsExactly("second");
    }

    @Test
    void aReaderAskingWhileTheTasksRunOnAnotherThreadReturnsOnceTheyHaveRun() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        deferred.add(() -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (ran) {
                ran.add("bound");
            }
        });
        deferred.up();
        Thread waiting = new Thread(() -> deferred.awaitUpThenRun(60_000), "waiting");
        waiting.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        Thread reader = new Thread(deferred::runPending, "scrape");
        reader.start();
        reader.join(200);
        assertThat(reader.isAlive()).as("the scrape waits for the binding under way").isTrue();

        release.countDown();
        reader.join(10_000);
        waiting.join(10_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(waiting.isAlive()).isFalse();
        synchronized (ran) {
            assertThat(ran).containsExactly("bound");
        }
    }
}
