package dev.vigil.it;

import static dev.vigil.it.support.Contract.HTTP_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A library release whose insides the agent does not know (here a Logback LoggingEvent without the field
 * the agent's advice writes to): the class stays as it was, the failure is one log line and a counter,
 * and the rest of the agent works.
 */
class UnknownLibraryVersionIT {

    @Test
    void anInstrumentationThatCannotApplyIsOneLogLineAndTheAppRunsOn() {
        int port = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = AppProcess.jar(Artifacts.appJar("odd-app")).withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg(String.valueOf(port))
                .start()) {
            app.awaitOutput("READY " + port, Duration.ofSeconds(60));
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(60));

            Map<Integer, Integer> statuses = Http.hammer(20, 2, i -> Http.request(port, "/mdc").GET().build());

            assertThat(statuses).containsExactly(entry(200, 20));
            assertThat(Http.get(port, "/mdc").body()).isEqualTo("{user=u1}");
            Map<String, String> mdc = Map.of("http_route", "/mdc", "http_response_status_code", "200");
            Scrape scrape = Scrape.awaitValue(metricsPort, HTTP_COUNT, mdc, 21);
            assertThat(scrape.value(HTTP_COUNT, mdc)).as("the agent still measures the app").isEqualTo(21);
            assertThat(scrape.value("vigil_agent_errors_total", Map.of("component", "transform")))
                    .as("the failed instrumentation is counted").isGreaterThanOrEqualTo(1);
            long lines = app.stderr().lines().filter(line -> line.contains("instrumentation error in transform")).count();
            assertThat(lines).as("log lines about it%n%s", app.stderr()).isEqualTo(1);
        }
    }
}
