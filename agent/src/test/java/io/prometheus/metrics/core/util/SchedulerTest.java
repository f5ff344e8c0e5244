package io.prometheus.metrics.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.tracer.common.SpanContext;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    @Test
    void runsEachTaskAfterItsDelayAndHoldsNoThreadOnceIdle() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        Scheduler.schedule(ran::countDown, 50, TimeUnit.MILLISECONDS);
        assertThat(Scheduler.threads()).isEqualTo(1);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Scheduler.IDLE_SECONDS + 10);
        while (Scheduler.threads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Scheduler.threads()).as("threads once idle").isZero();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("vigil-exemplar-timer"));
    }

    @Test
    void theRegistrysExemplarSamplerStillTakesANewExemplarAfterItsInterval() throws InterruptedException {
        AtomicInteger span = new AtomicInteger(1);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(),
                Clock.SYSTEM, new FixedSpan(span));
        Timer timer = Timer.builder("probe").publishPercentileHistogram().register(registry);

        timer.record(Duration.ofMillis(2));
        span.set(2);
        // The sampler takes one exemplar, then waits for the scheduler to let it take the next one.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!registry.scrape("application/openmetrics-text").contains("trace_id=\"" + FixedSpan.id(2) + "\"")
                && System.nanoTime() < deadline) {
            timer.record(Duration.ofSeconds(3));
            Thread.sleep(20);
        }
        String scrape = registry.scrape("application/openmetrics-text");
        assertThat(scrape).contains("trace_id=\"" + FixedSpan.id(1) + "\"").contains("trace_id=\"" + FixedSpan.id(2) + "\"");
    }

    private record FixedSpan(AtomicInteger current) implements SpanContext {
        static String id(int n) {
            return String.format("%032x", n);
        }

        @Override
        public String getCurrentTraceId() {
            return id(current.get());
        }

        @Override
        public String getCurrentSpanId() {
            return String.format("%016x", current.get());
        }

        @Override
        public boolean isCurrentSpanSampled() {
            return true;
        }

        @Override
        public void markCurrentSpanAsExemplar() {
        }
    }
}
