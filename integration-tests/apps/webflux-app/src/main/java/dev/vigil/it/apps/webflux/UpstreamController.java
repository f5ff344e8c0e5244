package dev.vigil.it.apps.webflux;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/**
 * Handlers that call an upstream service ({@code 127.0.0.1:PORT/echo}) with Spring's {@code WebClient} on
 * Reactor Netty: the handler returns at once, and the answer arrives later on an event loop.
 */
@RestController
class UpstreamController {
    private static final Logger log = LoggerFactory.getLogger(UpstreamController.class);

    /** Spring's default connector on Reactor Netty's client. */
    private final WebClient client = WebClient.create();

    /** The call is made (subscribed) while the request's handler chain runs on the event loop. */
    @GetMapping("/upstream/now")
    Mono<String> now(@RequestParam("port") int port) {
        return call(port);
    }

    /** The call is made 50 ms later, from a Reactor timer thread. */
    @GetMapping("/upstream/later")
    Mono<String> later(@RequestParam("port") int port) {
        return Mono.delay(Duration.ofMillis(50)).then(call(port));
    }

    private Mono<String> call(int port) {
        return client.get().uri("http://127.0.0.1:{port}/echo", port).retrieve().bodyToMono(String.class)
                .doOnNext(body -> log.info("upstream answered"));
    }
}
