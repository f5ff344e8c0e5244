package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Scrape;
import org.junit.jupiter.api.Test;

/**
 * The agent's features start on their own thread while the application's {@code main} already runs, their
 * instrumentation installed before it: what the application serves and sends in its first moments, before
 * they have started, waits for them and is counted, exactly. {@link EarlyRequestsApp} serves and sends its
 * requests as soon as its {@code main} begins.
 */
class EarlyRequestsIT {
    private static final int REQUESTS = 20;
    private static final String SERVER_COUNT = "http_server_request_duration_seconds_count";
    private static final String CLIENT_COUNT = "http_client_request_duration_seconds_count";

    @Test
    void requestsServedAndSentAsMainStartsAreEachCountedOnce() throws Exception {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        Path testClasses = Path.of(EarlyRequestsApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (AppProcess app = AppProcess.mainClass(EarlyRequestsApp.class.getName(), List.of(testClasses))
                .withAgent().sysProp("vigil.metrics.port", metricsPort)
                .arg(String.valueOf(appPort)).arg(String.valueOf(REQUESTS)).start()) {
            app.awaitOutput("SENT " + REQUESTS, Duration.ofSeconds(60));
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));

            Scrape scrape = Scrape.awaitValue(metricsPort, SERVER_COUNT, Map.of("http_route", "/early"), REQUESTS);
            assertThat(scrape.value(SERVER_COUNT, Map.of("http_route", "/early"))).as(scrape.lines(SERVER_COUNT))
                    .isEqualTo(REQUESTS);
            scrape = Scrape.awaitValue(metricsPort, CLIENT_COUNT, Map.of(), REQUESTS);
            assertThat(scrape.value(CLIENT_COUNT, Map.of())).as(scrape.lines(CLIENT_COUNT)).isEqualTo(REQUESTS);
            // When the first request came, against the agent's start (for whoever reads a failure).
            System.out.println(app.stdout().lines().filter(line -> line.startsWith("SENT")).findFirst().orElse("")
                    + " / " + app.stderr().lines().filter(line -> line.contains("started for service")).findFirst().orElse(""));
        }
    }
}
