package dev.vigil.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus ({@code prometheus} on the PATH; Debian's 2.42 in CI, installed by {@code .ci/run})
 * scraping one target every second and evaluating one rules file every second, on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.start(metricsPort, rulesFile)) {
 *     JsonNode vector = prometheus.query("up");
 * }
 * }</pre>
 *
 * <p>Without a {@code prometheus} binary the calling test is skipped, unless
 * {@code VIGIL_REQUIRE_SERVICES=1} (CI), which makes it a failure. The scrape job is called
 * {@value #JOB}. Prometheus' own log goes to {@code target/it-logs/prometheus-<n>.log}; its
 * configuration and TSDB live in a temporary directory that {@link #close()} deletes.
 */
public final class PrometheusServer implements AutoCloseable {

    public static final String JOB = "shop";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final Process process;
    private final Path dir;
    private final Path log;
    private final int port;

    private PrometheusServer(Process process, Path dir, Path log, int port) {
        this.process = process;
        this.dir = dir;
        this.log = log;
        this.port = port;
    }

    /**
     * The {@code prometheus} executable on the PATH. Skips the calling test when there is none, or
     * fails it when {@code VIGIL_REQUIRE_SERVICES=1}.
     */
    public static Path requireBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, "prometheus");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "prometheus is not on the PATH (Debian/Ubuntu: apt-get install prometheus; .ci/run installs it)";
        if (Services.servicesRequired()) {
            Assertions.fail(message + ", and VIGIL_REQUIRE_SERVICES=1 says it must be there");
        }
        Assumptions.abort(message + " — skipping (set VIGIL_REQUIRE_SERVICES=1 to make this a failure)");
        throw new AssertionError("unreachable");
    }

    /**
     * Starts Prometheus scraping {@code 127.0.0.1:metricsPort} (job {@value #JOB}, every second) and
     * evaluating {@code rulesFile} (none when null) every second; returns once {@code /-/ready} answers 200.
     */
    public static PrometheusServer start(int metricsPort, Path rulesFile) {
        return start(metricsPort, rulesFile == null ? List.of() : List.of(rulesFile));
    }

    /** As {@link #start(int, Path)}, evaluating every one of {@code rulesFiles}. */
    public static PrometheusServer start(int metricsPort, List<Path> rulesFiles) {
        return start(List.of(metricsPort), rulesFiles, null);
    }

    /**
     * Scraping every one of {@code metricsPorts} as one job (the instances of one service), evaluating
     * {@code rulesFiles}, and, when {@code remoteWriteUrl} is not null, sending every sample there by
     * {@code remote_write} (flushed every second).
     */
    public static PrometheusServer start(List<Integer> metricsPorts, List<Path> rulesFiles, String remoteWriteUrl) {
        Path binary = requireBinary();
        int port = AppProcess.freePort();
        Path dir;
        Path log;
        try {
            dir = Files.createTempDirectory("vigil-prometheus-");
            Path logDir = Files.createDirectories(
                    Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "it-logs"));
            log = logDir.resolve("prometheus-" + RUNS.incrementAndGet() + ".log");
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, String.join("\n",
                    "global:",
                    "  scrape_interval: 1s",
                    "  scrape_timeout: 1s",
                    "  evaluation_interval: 1s",
                    rulesFiles.isEmpty() ? "" : "rule_files:\n" + rulesFiles.stream()
                            .map(file -> "  - '" + file.toAbsolutePath() + "'").collect(java.util.stream.Collectors.joining("\n")),
                    "scrape_configs:",
                    "  - job_name: " + JOB,
                    "    static_configs:",
                    "      - targets: [" + metricsPorts.stream().map(p -> "'127.0.0.1:" + p + "'")
                            .collect(java.util.stream.Collectors.joining(", ")) + "]",
                    remoteWriteUrl == null ? "" : String.join("\n",
                            "remote_write:",
                            "  - url: '" + remoteWriteUrl + "'",
                            "    queue_config:",
                            "      batch_send_deadline: 1s"),
                    ""));
            Path data = Files.createDirectories(dir.resolve("data"));
            List<String> command = List.of(binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + data,
                    "--web.listen-address=127.0.0.1:" + port,
                    "--enable-feature=exemplar-storage");
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            PrometheusServer server = new PrometheusServer(process, dir, log, port);
            try {
                server.awaitReady();
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start prometheus", e);
        }
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return log;
    }

    /** Prometheus' log so far (last 40 lines), for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return "--- " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** An instant query now; returns {@code data.result} (for a vector: an array of {metric, value}). */
    public JsonNode query(String promql) {
        return get("/api/v1/query?query=" + encode(promql)).path("result");
    }

    /** An instant query at {@code time}; returns {@code data.result}. */
    public JsonNode query(String promql, Instant time) {
        return get("/api/v1/query?query=" + encode(promql) + "&time=" + time.getEpochSecond()).path("result");
    }

    /** {@code /api/v1/alerts}: {@code data.alerts}, each with labels, annotations, state, value. */
    public JsonNode alerts() {
        return get("/api/v1/alerts").path("alerts");
    }

    /** {@code /api/v1/rules}: {@code data.groups}, each with its rules (name, health, type, lastError). */
    public JsonNode rules() {
        return get("/api/v1/rules").path("groups");
    }

    /** {@code /api/v1/targets}: {@code data.activeTargets}, each with health and lastError. */
    public JsonNode targets() {
        return get("/api/v1/targets").path("activeTargets");
    }

    /**
     * Waits (bounded) for the first scrape of the target to finish and returns its health
     * ({@code up}/{@code down}) with the last scrape error, e.g. {@code "down: metric name ... does not support exemplars"}.
     */
    public String awaitFirstScrape(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = "no target";
        while (System.nanoTime() < deadline) {
            for (JsonNode target : targets()) {
                state = target.path("health").asText() + ": " + target.path("lastError").asText();
                if (!"unknown".equals(target.path("health").asText())) {
                    return state;
                }
            }
            sleep(200);
        }
        return state;
    }

    /** {@code /api/v1/query_exemplars} over the last 10 minutes: {@code data}, a list of {seriesLabels, exemplars}. */
    public JsonNode exemplars(String promql) {
        Instant now = Instant.now();
        return get("/api/v1/query_exemplars?query=" + encode(promql)
                + "&start=" + now.minusSeconds(600).getEpochSecond() + "&end=" + (now.getEpochSecond() + 60));
    }

    /** Stops Prometheus (SIGTERM, 5 s grace, then SIGKILL) and deletes its configuration and TSDB. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    // --- plumbing ---

    private void awaitReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited with code " + process.exitValue() + " before it was ready\n" + logTail());
            }
            try {
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for prometheus", e);
            }
            sleep(200);
        }
        throw new AssertionError("prometheus was not ready on 127.0.0.1:" + port + " within " + READY_TIMEOUT
                + " (last: " + last + ")\n" + logTail());
    }

    /** GETs an API path and returns {@code data}; fails with Prometheus' error and log otherwise. */
    private JsonNode get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new AssertionError("prometheus answered " + response.statusCode() + " to " + pathAndQuery
                        + ": " + body.path("errorType").asText() + ": " + body.path("error").asText());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + " on prometheus failed\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: GET " + pathAndQuery, e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Every element of a JSON array, as a list (an absent node gives an empty list). */
    public static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
