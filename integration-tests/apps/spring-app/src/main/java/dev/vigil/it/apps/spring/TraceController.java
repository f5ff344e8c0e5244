package dev.vigil.it.apps.spring;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routes for tracing: what an ordinary service does that a trace has to follow. Nothing here knows
 * about tracing; the agent has to find the trace in the logs, the threads and the outgoing calls.
 */
@RestController
class TraceController implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TraceController.class);

    /** Any wait for work handed to another thread; a lost task fails the request rather than hangs it. */
    private static final long WAIT_SECONDS = 10;

    /** The application's own pool, as services keep one for background work. */
    private final ExecutorService workers = Executors.newFixedThreadPool(2, new NamedThreads("trace-worker"));

    /** A scheduler, as services keep one for delayed work (a retry, a timeout). */
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, new NamedThreads("trace-scheduler"));

    private final HttpClient httpClient = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final JdbcTemplate jdbc;

    TraceController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Logs on the request thread, then on the application's pool, then through
     * {@code CompletableFuture.supplyAsync}, then on the common {@link ForkJoinPool} and last in a task
     * scheduled with a delay, waiting for each. (With fewer than 3 cores the common pool's parallelism is 1 and {@code supplyAsync} runs
     * each task on a new thread instead of the pool: the same line of code, and a trace must follow it
     * either way, so the common pool is also used directly.)
     */
    @GetMapping("/trace/log")
    String logEverywhere() throws InterruptedException, ExecutionException, TimeoutException {
        log.info("handling trace/log");
        workers.submit(() -> log.info("on executor")).get(WAIT_SECONDS, TimeUnit.SECONDS);
        CompletableFuture.supplyAsync(() -> {
            log.info("on common pool");
            return "done";
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        ForkJoinPool.commonPool().submit(() -> log.info("on fork-join pool")).get(WAIT_SECONDS, TimeUnit.SECONDS);
        scheduler.schedule(() -> log.info("on scheduler"), 5, TimeUnit.MILLISECONDS).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return "logged";
    }

    /**
     * Calls {@code http://127.0.0.1:PORT/echo} twice, once with the JDK {@link HttpClient} and once
     * with {@link HttpURLConnection}, and answers with both bodies. {@code ?client=} tells the callee
     * which is which.
     */
    @GetMapping("/trace/downstream")
    String downstream(@RequestParam("port") int port) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + port + "/echo?client=";

        HttpResponse<String> viaHttpClient = httpClient.send(
                HttpRequest.newBuilder(URI.create(base + "HttpClient")).timeout(Duration.ofSeconds(WAIT_SECONDS)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        HttpURLConnection connection = (HttpURLConnection) URI.create(base + "HttpURLConnection").toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        int urlConnectionStatus;
        String viaUrlConnection;
        try (InputStream in = connection.getInputStream()) {
            urlConnectionStatus = connection.getResponseCode();
            viaUrlConnection = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }

        return "HttpClient: " + viaHttpClient.statusCode() + " " + viaHttpClient.body() + "\n"
                + "HttpURLConnection: " + urlConnectionStatus + " " + viaUrlConnection + "\n";
    }

    /** One query, with a literal in its text that must never reach a span, then one log line. */
    @GetMapping("/trace/db")
    String db() {
        Long owners = jdbc.queryForObject("SELECT COUNT(*) FROM owners WHERE name <> 'Nobody Secret'", Long.class);
        log.info("counted {} owners", owners);
        return "owners: " + owners;
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }

    /** Daemon threads with a recognisable name, so the logs' thread_name shows where a line came from. */
    private static final class NamedThreads implements java.util.concurrent.ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger(1);

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }
}
