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
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A single-node VictoriaMetrics (Debian's {@code victoria-metrics} package) on 127.0.0.1 with a temporary data
 * directory: the remote storage a Prometheus writes to with {@code remote_write}, queried through the same
 * Prometheus HTTP API Grafana uses. Also runs its rule evaluator, {@code vmalert}, in its checking mode.
 */
public final class VictoriaMetricsServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path dir;
    private final Path log;
    private final int port;

    private VictoriaMetricsServer(Process process, Path dir, Path log, int port) {
        this.process = process;
        this.dir = dir;
        this.log = log;
        this.port = port;
    }

    /** An executable of the victoria-metrics package on the PATH; skips (or fails with VIGIL_REQUIRE_SERVICES=1) without. */
    public static Path requireBinary(String name) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = entry.isEmpty() ? null : Path.of(entry, name);
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = name + " is not on the PATH (Debian/Ubuntu: apt-get install victoria-metrics)";
        if (Services.servicesRequired()) {
            Assertions.fail(message + ", and VIGIL_REQUIRE_SERVICES=1 says it must be there");
        }
        Assumptions.abort(message + " — skipping (set VIGIL_REQUIRE_SERVICES=1 to make this a failure)");
        throw new AssertionError("unreachable");
    }

    /** Starts it and returns once {@code /health} answers. */
    public static VictoriaMetricsServer start() {
        Path binary = requireBinary("victoria-metrics");
        int port = AppProcess.freePort();
        try {
            Path dir = Files.createTempDirectory("vigil-victoria-metrics-");
            Path log = Files.createDirectories(Path.of(System.getProperty("basedir", System.getProperty("user.dir")),
                    "target", "it-logs")).resolve("victoria-metrics-" + port + ".log");
            Process process = new ProcessBuilder(binary.toString(),
                    "-storageDataPath=" + dir.resolve("data"),
                    "-httpListenAddr=127.0.0.1:" + port,
                    "-retentionPeriod=1d",
                    // By default the newest 30 s are hidden from queries, waiting for late samples; here they are
                    // the whole test.
                    "-search.latencyOffset=0s",
                    "-search.disableCache",
                    "-loggerLevel=WARN")
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            VictoriaMetricsServer server = new VictoriaMetricsServer(process, dir, log, port);
            try {
                server.awaitReady();
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start victoria-metrics", e);
        }
    }

    /** Where Prometheus' {@code remote_write} sends. */
    public String remoteWriteUrl() {
        return "http://127.0.0.1:" + port + "/api/v1/write";
    }

    /** An instant query at {@code time} through the Prometheus API; returns {@code data.result}. */
    public JsonNode query(String promql, Instant time) {
        String path = "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + time.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new AssertionError("victoria-metrics answered " + response.statusCode() + " to " + promql + ": " + response.body());
            }
            return body.path("data").path("result");
        } catch (IOException e) {
            throw new UncheckedIOException("query on victoria-metrics failed: " + promql, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * {@code vmalert -dryRun}: parses every rule file and checks each expression and template without running;
     * returns its exit code followed by its output.
     */
    public static String vmalertCheck(List<Path> ruleFiles) {
        Path binary = requireBinary("vmalert");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-dryRun", "-loggerLevel=ERROR"));
        ruleFiles.forEach(file -> command.add("-rule=" + file.toAbsolutePath()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timeout\n" + output;
            }
            return process.exitValue() + "\n" + output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run vmalert", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
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

    private void awaitReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("victoria-metrics exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("victoria-metrics not ready within " + READY_TIMEOUT + "; see " + log);
    }
}
