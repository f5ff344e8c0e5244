package dev.vigil.it.apps.webflux;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Annotated routes, each with one known outcome: a status, an error, a delay, a stream, database work. */
@RestController
class OrdersController {
    private static final Logger log = LoggerFactory.getLogger(OrdersController.class);

    private final JdbcTemplate jdbc;

    OrdersController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/orders/{id}")
    Mono<String> order(@PathVariable("id") long id) {
        return Mono.just("order " + id);
    }

    /** Read from the body, which arrives after the request line: the handler runs when it has. */
    @PostMapping("/orders")
    Mono<String> create(@RequestBody String body) {
        log.info("order created");
        return Mono.just("created " + body.length());
    }

    /** Answers ~100 ms later, from a Reactor timer thread; the log line is written there. */
    @GetMapping("/orders/{id}/delayed")
    Mono<String> delayed(@PathVariable("id") long id) {
        return Mono.delay(Duration.ofMillis(100)).map(tick -> {
            log.info("delayed order answered");
            return "order " + id;
        });
    }

    /**
     * The N+1 of a reactive app: one query for the order's items, then one per item, on a thread of the
     * bounded-elastic scheduler rather than the event loop.
     */
    @GetMapping("/orders/{id}/items")
    Mono<List<String>> items(@PathVariable("id") long id) {
        return Mono.fromCallable(() -> {
            List<Long> ids = jdbc.queryForList("SELECT id FROM items WHERE order_id = ?", Long.class, id);
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                names.add(jdbc.queryForObject("SELECT name FROM items WHERE id = ?", String.class, ids.get(i % ids.size())));
            }
            log.info("items loaded");
            return names;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Thrown while the handler runs: WebFlux answers 500. */
    @GetMapping("/orders/{id}/boom")
    Mono<String> boom(@PathVariable("id") long id) {
        throw new IllegalStateException("boom on purpose");
    }

    /** Signalled by the returned publisher: WebFlux answers 500 too. */
    @GetMapping("/orders/{id}/fail")
    Mono<String> fail(@PathVariable("id") long id) {
        return Mono.delay(Duration.ofMillis(10)).then(Mono.error(new UnsupportedOperationException("failed on purpose")));
    }

    /** An exception that is an answer: 404, no server error. */
    @GetMapping("/orders/{id}/missing")
    Mono<String> missing(@PathVariable("id") long id) {
        return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no such order"));
    }

    @GetMapping("/status/{code}")
    Mono<ResponseEntity<String>> status(@PathVariable("code") int code) {
        return Mono.just(ResponseEntity.status(code).body("status " + code));
    }

    /** Five events, each 20 ms after the one before, then the end of the stream: at least 100 ms. */
    @GetMapping(path = "/events/{topic}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<String> events(@PathVariable("topic") String topic) {
        // delayElements waits for demand; Flux.interval would fail a slow (cold) reader with an overflow.
        return Flux.range(0, 5).delayElements(Duration.ofMillis(20)).map(i -> {
            log.info("event sent");
            return topic + " " + i;
        });
    }

    /** An event every 20 ms, for ever: it ends when the client goes away. */
    @GetMapping(path = "/ticker", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<String> ticker() {
        return Flux.interval(Duration.ofMillis(20)).onBackpressureDrop().map(i -> "tick " + i);
    }
}
