package dev.vigil.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.ApplicationLogging;
import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.config.VigilConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The features' start beside the premain's installation: when the premain cannot install the instrumentation
 * (the agent then says the application runs without it), the features stop, or never start, and nothing of
 * theirs starts late (the endpoint, the JVM binders).
 */
class StartingTest {
    private static final VigilConfig CONFIG = VigilConfig.load(Map.of("vigil.metrics.enabled", "false"), Map.of());

    @Test
    void anInstallationThatFailedStopsTheFeaturesThatHadStarted() throws InterruptedException {
        Probe first = new Probe("first");
        Probe second = new Probe("second");
        AgentRuntime.Starting starting = starting(first, second);
        starting.startFeatures(); // the premain order: started before the installation
        assertThat(first.started.getCount()).isZero();

        starting.premainEnded(false);

        assertThat(first.stopped.getCount()).as("stopped").isZero();
        assertThat(second.stopped.getCount()).as("stopped").isZero();
    }

    @Test
    void anInstallationThatFailsWhileTheyStartStopsThoseStartedAndStartsNoMore() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Probe first = new Probe("first") {
            @Override
            public void start(FeatureContext context) {
                super.start(context);
                await(release);
            }
        };
        Probe second = new Probe("second");
        AgentRuntime.Starting starting = starting(first, second);
        Thread start = new Thread(starting, "vigil-start");
        start.start();
        assertThat(first.started.await(10, TimeUnit.SECONDS)).isTrue();

        starting.premainEnded(false);
        release.countDown();
        start.join(10_000);

        assertThat(start.isAlive()).isFalse();
        assertThat(first.stopped.getCount()).as("the feature that had started, stopped").isZero();
        assertThat(second.started.getCount()).as("the next feature, never started").isOne();
        assertThat(first.startedLater.await(300, TimeUnit.MILLISECONDS)).as("started late").isFalse();
    }

    @Test
    void anInstalledAgentStartsEveryFeatureLateAndStopsNone() throws InterruptedException {
        Probe first = new Probe("first");
        Probe second = new Probe("second");
        AgentRuntime.Starting starting = starting(first, second);
        starting.premainEnded(true);
        starting.run();

        assertThat(first.startedLater.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.startedLater.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.stopped.getCount()).isOne();
        assertThat(second.stopped.getCount()).isOne();
    }

    private static AgentRuntime.Starting starting(Feature... features) {
        return new AgentRuntime.Starting(CONFIG, List.of(features), new ApplicationLogging(null, 0), System.nanoTime(),
                false);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static class Probe implements Feature {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch startedLater = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        private final String name;

        Probe(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start(FeatureContext context) {
            started.countDown();
        }

        @Override
        public void startLater(FeatureContext context) {
            startedLater.countDown();
        }

        @Override
        public void stop() {
            stopped.countDown();
        }
    }
}
