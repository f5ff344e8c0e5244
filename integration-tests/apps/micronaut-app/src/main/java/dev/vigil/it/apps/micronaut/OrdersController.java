package dev.vigil.it.apps.micronaut;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Routes with one known outcome each: a status, an exception, a delayed answer, a stream. */
@Controller
public class OrdersController {
    private static final Logger log = LoggerFactory.getLogger(OrdersController.class);

    @Get("/orders/{id}")
    public String order(long id) {
        return "order " + id;
    }

    @Get("/orders/{id}/boom")
    public String boom(long id) {
        throw new IllegalStateException("boom on purpose");
    }

    @Get("/status/{code}")
    public HttpResponse<String> status(int code) {
        return HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(code)).body("status " + code);
    }

    /** Answers ~100 ms later, from a Reactor timer thread; the log line is written there. */
    @Get("/orders/{id}/delayed")
    public Mono<String> delayed(long id) {
        return Mono.delay(Duration.ofMillis(100)).map(tick -> {
            log.info("delayed order answered");
            return "order " + id;
        });
    }

    /** Five events, each 20 ms after the one before: at least 100 ms. */
    @Get(value = "/events/{topic}", produces = MediaType.TEXT_EVENT_STREAM)
    public Flux<String> events(String topic) {
        return Flux.range(0, 5).delayElements(Duration.ofMillis(20)).map(i -> topic + " " + i);
    }

    /** An event every 20 ms, for ever: it ends when the client goes away. */
    @Get(value = "/ticker", produces = MediaType.TEXT_EVENT_STREAM)
    public Flux<String> ticker() {
        return Flux.interval(Duration.ofMillis(20)).onBackpressureDrop().map(i -> "tick " + i);
    }
}
