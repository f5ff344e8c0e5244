package dev.vigil.agent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** R2DBC's {@code execute()} as the advice sees it: a statement, then the publisher it returned, of a declared type. */
class ReactiveExecutionTest {
    private static final String PUBLISHER = "org.reactivestreams.Publisher";
    private static final String FLUX = "reactor.core.publisher.Flux";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JdbcRecorder recorder = new JdbcRecorder(registry, 10);

    /** Stands in for a driver's statement. */
    static final class Statement {
    }

    @Test
    void aPublisherIsTimedOncePerSubscriptionUnderItsStatementsShape() {
        Statement statement = new Statement();
        recorder.prepared(statement, "SELECT name FROM items WHERE id = $1");
        Object wrapped = execute(statement, Flux.just("kettle", "teapot"), PUBLISHER);

        assertThat(wrapped).isInstanceOf(Publisher.class).isNotInstanceOf(Flux.class);
        @SuppressWarnings("unchecked")
        Flux<String> rows = Flux.from((Publisher<String>) wrapped);
        assertThat(rows.collectList().block()).containsExactly("kettle", "teapot");
        assertThat(rows.collectList().block()).as("subscribed again: executed again").hasSize(2);
        assertThat(timer("SELECT", "items", "").count()).isEqualTo(2);
    }

    @Test
    void aFluxStaysAFluxAndIsTimedTheSameWay() {
        Statement statement = new Statement();
        recorder.prepared(statement, "UPDATE items SET name = $1 WHERE id = $2");
        Object wrapped = execute(statement, Flux.just(1), FLUX);

        assertThat(wrapped).isInstanceOf(Flux.class);
        assertThat(((Flux<?>) wrapped).blockLast()).isEqualTo(1);
        assertThat(timer("UPDATE", "items", "").count()).isEqualTo(1);
    }

    @Test
    void anErrorIsCountedUnderItsClassInEitherForm() {
        for (String declared : List.of(PUBLISHER, FLUX)) {
            Statement statement = new Statement();
            recorder.prepared(statement, "SELECT * FROM no_such_table");
            Object wrapped = execute(statement, Flux.error(new IllegalStateException("bad grammar")), declared);
            assertThatThrownBy(() -> Flux.from((Publisher<?>) wrapped).blockLast()).hasMessageContaining("bad grammar");
        }
        assertThat(timer("SELECT", "no_such_table", "java.lang.IllegalStateException").count()).isEqualTo(2);
    }

    @Test
    void aConsumerThatCancelsAfterTheFirstRowEndsTheExecutionOnce() {
        for (String declared : List.of(PUBLISHER, FLUX)) {
            Statement statement = new Statement();
            recorder.prepared(statement, "SELECT id FROM items");
            Object wrapped = execute(statement, Flux.range(1, 1000), declared);
            assertThat(Flux.from((Publisher<?>) wrapped).next().block()).isEqualTo(1);
        }
        assertThat(timer("SELECT", "items", "").count()).isEqualTo(2);
    }

    @Test
    void aPublisherOfAnotherDeclaredTypeIsLeftAsItIs() {
        Mono<Integer> mono = Mono.just(1);
        assertThat(execute(new Statement(), mono, FLUX)).as("a Mono where a Flux is declared").isSameAs(mono);
        Flux<Integer> flux = Flux.just(1);
        assertThat(execute(new Statement(), flux, "com.example.DriverFlux")).isSameAs(flux);
        assertThat(registry.find("db.client.operation.duration").timers()).isEmpty();
    }

    @Test
    void aProxysStatementOverTheDriversIsOneExecution() {
        Statement proxy = new Statement();
        Statement driver = new Statement();
        recorder.prepared(proxy, "DELETE FROM orders WHERE id = $1");
        Object outer = recorder.executingReactive(proxy);
        Object inner = recorder.executingReactive(driver);
        Object fromDriver = recorder.executedReactive(inner, Flux.just(1), FLUX);
        Object wrapped = recorder.executedReactive(outer, fromDriver, PUBLISHER);

        assertThat(fromDriver).as("the driver's, passed on as it is").isInstanceOf(Flux.class);
        Flux.from((Publisher<?>) wrapped).blockLast();
        assertThat(timer("DELETE", "orders", "").count()).isEqualTo(1);
        assertThat(recorder.preparedStatements()).as("executed, its shape let go").isZero();
    }

    @Test
    void aTracedPublishersSignalsArriveUnderTheContextOfTheirSubscription() {
        ContextKey<String> request = ContextKey.named("request");
        Flux<Integer> fromAnotherThread = Flux.range(1, 3).publishOn(Schedulers.single());
        List<String> seen = new CopyOnWriteArrayList<>();

        Object traced = recorder.traced(fromAnotherThread, FLUX);
        try (Scope ignored = Context.root().with(request, "GET /orders/{id}").makeCurrent()) {
            ((Flux<?>) traced).doOnNext(each -> seen.add(String.valueOf(Context.current().get(request))))
                    .doOnComplete(() -> seen.add("end " + Context.current().get(request)))
                    .subscribe();
        }
        Flux.range(1, 3).publishOn(Schedulers.single()).blockLast(); // the single thread is done with the first

        assertThat(seen).containsExactly("GET /orders/{id}", "GET /orders/{id}", "GET /orders/{id}", "end GET /orders/{id}");
        assertThat(Context.current().get(request)).as("nothing left current here").isNull();
    }

    private Object execute(Statement statement, Object publisher, String declaredType) {
        return recorder.executedReactive(recorder.executingReactive(statement), publisher, declaredType);
    }

    private Timer timer(String operation, String collection, String errorType) {
        return registry.get("db.client.operation.duration")
                .tag("db.operation.name", operation)
                .tag("db.collection.name", collection)
                .tag("error.type", errorType)
                .timer();
    }
}
