package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Jcmd;
import org.junit.jupiter.api.Test;

/**
 * The threads the agent keeps once the application is idle, nothing exported (the performance goal is
 * two at most): the framework-free example after the same requests and scrapes, with and without the
 * agent, compared thread by thread. The agent's endpoint is the JDK HttpServer, whose dispatcher and
 * idle timer are its two; a scrape runs on the dispatcher, and the exemplar timer ends once idle.
 */
class IdleThreadsIT {

    private static final int MAX_AGENT_THREADS = 2;

    @Test
    void onceIdleTheAgentKeepsAtMostTwoThreads() throws InterruptedException {
        int plainPort = AppProcess.freePort();
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess plain = HttpServerExample.onPort(plainPort).start();
             AppProcess app = HttpServerExample.onPort(appPort).withAgent().sysProp("vigil.metrics.port", metricsPort).start()) {
            HttpServerExample.awaitReady(plain, plainPort);
            HttpServerExample.awaitReady(app, appPort);
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
            for (int i = 0; i < 200; i++) {
                String path = "/items/" + (i % HttpServerExample.ITEMS + 1);
                assertThat(Http.get(plainPort, path).status()).isEqualTo(200);
                assertThat(Http.get(appPort, path).status()).isEqualTo(200);
            }
            // Both exposition formats; OpenMetrics carries the exemplars, whose sampler schedules work.
            assertThat(Http.send(Http.request(metricsPort, "/metrics")
                    .header("Accept", "application/openmetrics-text").build()).status()).isEqualTo(200);
            assertThat(Http.get(metricsPort, "/metrics").status()).isEqualTo(200);

            // Idle: the exemplar timer ends a few seconds after its last task. Bounded wait.
            List<String> added = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            do {
                Thread.sleep(500);
                added = minus(javaThreads(app), javaThreads(plain));
            } while (added.size() > MAX_AGENT_THREADS && System.nanoTime() < deadline);

            assertThat(added).as("threads of the agent once idle (with the agent, minus without)")
                    .hasSizeLessThanOrEqualTo(MAX_AGENT_THREADS);
            assertThat(app.stderr()).doesNotContain("Exception");
        }
    }

    /** The names of the JVM's Java threads, JIT compiler threads left out (their number follows the load). */
    private static List<String> javaThreads(AppProcess app) {
        List<String> names = new ArrayList<>();
        for (String line : Jcmd.run(app, "Thread.print").lines().toList()) {
            // A Java thread's line: "name" #12 daemon prio=5 ...; the JVM's own threads have no "#".
            int end = line.lastIndexOf("\" #");
            if (line.startsWith("\"") && end > 0 && !line.contains("CompilerThread")) {
                names.add(line.substring(1, end));
            }
        }
        return names;
    }

    private static List<String> minus(List<String> all, List<String> removed) {
        List<String> rest = new ArrayList<>(all);
        removed.forEach(rest::remove);
        return rest;
    }
}
