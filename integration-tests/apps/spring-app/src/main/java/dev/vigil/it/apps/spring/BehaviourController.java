package dev.vigil.it.apps.spring;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** Routes whose only purpose is a known outcome: an exception, a status, a latency, async completion. */
@RestController
class BehaviourController {

    /** Async completion has to happen on a thread that is not the request thread. */
    private final ScheduledExecutorService completer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "async-completer");
        t.setDaemon(true);
        return t;
    });

    /** Escapes the handler: Tomcat answers 500 and forwards to Spring Boot's /error page. */
    @GetMapping("/boom")
    String boom() {
        throw new IllegalStateException("boom on purpose");
    }

    /** The servlet request thread is released at once; another thread completes it ~50 ms later. */
    @GetMapping("/async/{id}")
    DeferredResult<String> async(@PathVariable("id") String id) {
        DeferredResult<String> result = new DeferredResult<>(Duration.ofSeconds(10).toMillis());
        completer.schedule(() -> result.setResult("async " + id), 50, TimeUnit.MILLISECONDS);
        return result;
    }

    @GetMapping("/status/{code}")
    ResponseEntity<String> status(@PathVariable("code") int code) {
        return ResponseEntity.status(code).body("status " + code);
    }

    /** Sleeps the given milliseconds (at most 10 s) before answering 200. */
    @GetMapping("/sleep/{ms}")
    String sleep(@PathVariable("ms") long ms) throws InterruptedException {
        Thread.sleep(Math.min(Math.max(ms, 0), 10_000));
        return "slept " + ms;
    }
}
