package dev.vigil.benchmarks;

import dev.vigil.agent.events.BusinessEvents;
import dev.vigil.agent.events.EventRule;
import dev.vigil.agent.events.HttpEvents;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's time per business event: from code ({@code Vigil.event}, with and without an
 * attribute), from a method (with its duration), and the per-request cost of HTTP events on a route
 * that has one and on a route that has none.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar BusinessEventBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BusinessEventBenchmark {
    private static final String[] ATTRIBUTES = {"method", "card"};

    private BusinessEvents events;
    private BusinessEvents.Meters placed;
    private HttpEvents http;

    @Setup(Level.Trial)
    public void setUp() {
        events = new BusinessEvents(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        events.declare("signup.completed");
        placed = events.declareTimed("order.placed");
        http = new HttpEvents(List.of(new EventRule.Http("checkout.completed", "POST", "/checkout",
                List.of(new EventRule.StatusRange(200, 299)), "benchmark")), events);
    }

    @Benchmark
    public void eventFromCode() {
        events.record("signup.completed", null, true);
    }

    @Benchmark
    public void eventFromCodeWithAttribute() {
        events.record("payment.authorized", ATTRIBUTES, true);
    }

    @Benchmark
    public void methodEventWithDuration() {
        placed.count(true, 1_234_567L);
    }

    @Benchmark
    public void httpEventOnItsRoute() {
        http.onRequest("POST", "/checkout", 201, false);
    }

    @Benchmark
    public void httpRequestOnARouteWithoutEvents() {
        http.onRequest("GET", "/products/{id}", 200, false);
    }
}
