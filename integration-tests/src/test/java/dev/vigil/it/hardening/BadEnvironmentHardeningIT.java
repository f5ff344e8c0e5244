package dev.vigil.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine is against the agent: its log file cannot be written, and, all at once, its port is taken,
 * its YAML is broken and its trace exporter is dead. The app serves every request; the agent says what
 * is wrong, once each, on stderr. (Each of these alone is in AgentSafetyIT and TracingIT.)
 */
class BadEnvironmentHardeningIT {

    private static final int REQUESTS = 200;
    private static final Duration LOG_WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void aLogFileThatCannotBeWrittenLeavesTheLogOnStderr() throws IOException {
        Path logFile = unwritableLogFile();
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HardeningApp.onPorts(appPort, AppProcess.freePort())
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.log.file", logFile)
                .start()) {
            HardeningApp.awaitReady(app, appPort);

            assertServes(app, appPort);
            app.awaitOutput("vigil.log.file", LOG_WAIT);
            assertThat(linesWithAll(app.stderr(), "vigil.log.file", logFile.toString(), "stderr"))
                    .as("one line names the file and says the log stays on stderr\n" + app.logTail())
                    .hasSize(1)
                    .allMatch(line -> line.startsWith("{"), "is a JSON event");
            app.awaitOutput("metrics at http://", LOG_WAIT);
            assertThat(Files.exists(logFile)).isFalse();
        }
    }

    @Test
    void aTakenPortBrokenYamlDeadExporterAndUnwritableLogAtOnceLeaveTheAppServing() throws IOException {
        Path logFile = unwritableLogFile();
        // A tab for indentation on line 3.
        Path config = Files.writeString(dir.resolve("vigil.yaml"), "metrics:\n  host: 127.0.0.1\n\tport: 1\n");
        int deadCollectorPort = AppProcess.freePort(); // nothing listens there
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (ServerSocket squatter = new ServerSocket(metricsPort, 50, InetAddress.getLoopbackAddress());
             AppProcess app = HardeningApp.onPorts(appPort, AppProcess.freePort())
                     .withAgent()
                     .sysProp("vigil.metrics.port", metricsPort)
                     .sysProp("vigil.config", config)
                     .sysProp("vigil.log.file", logFile)
                     .sysProp("vigil.traces.enabled", true)
                     .sysProp("vigil.traces.exporter", "otlp")
                     .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + deadCollectorPort)
                     .env("OTEL_BSP_SCHEDULE_DELAY", 100)
                     .start()) {
            HardeningApp.awaitReady(app, appPort);

            assertServes(app, appPort);
            app.awaitOutput("already in use", LOG_WAIT);
            String stderr = app.stderr();
            assertThat(linesWithAll(stderr, "vigil.metrics.port", "already in use")).as(app.logTail()).hasSize(1);
            assertThat(linesWithAll(stderr, config.toString(), "line 3")).as(app.logTail()).hasSize(1);
            assertThat(linesWithAll(stderr, "vigil.log.file", logFile.toString())).as(app.logTail()).hasSize(1);
            // Spans of 200 requests to a dead collector: dropped quietly, not a line per batch.
            assertThat(stderr.lines().count()).as("a handful of lines, not one per request or per export\n" + app.logTail())
                    .isLessThan(15);
        }
    }

    /**
     * A log path the agent cannot create: its parent is a regular file. The tests run as root in CI,
     * where a read-only directory (chmod) would still be writable, and {@code chattr +i} needs a file
     * system and a capability a container may not have; no one can create a file under a file.
     */
    private Path unwritableLogFile() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "a file\n");
        return notADirectory.resolve("vigil.log");
    }

    private static void assertServes(AppProcess app, int appPort) {
        Map<Integer, Integer> statuses = Http.hammer(REQUESTS, 4, i -> Http.request(appPort, "/orders/" + i).GET().build());
        assertThat(statuses).as(app.logTail()).isEqualTo(Map.of(200, REQUESTS));
        assertThat(Http.get(appPort, "/db").body()).isEqualTo("rows=8");
        assertThat(app.isAlive()).isTrue();
    }

    private static List<String> linesWithAll(String log, String... fragments) {
        return log.lines().filter(line -> Arrays.stream(fragments).allMatch(line::contains)).toList();
    }
}
