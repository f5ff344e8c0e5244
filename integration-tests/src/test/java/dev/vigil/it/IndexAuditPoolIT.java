package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The index audit never takes a connection the application needs: it explains on a connection of its own,
 * opened with the application's driver and URL, never from the pool. The JPA app ({@code apps/jpa-app},
 * HikariCP) with a pool of two connections, under eight concurrent clients, while the audit explains every
 * second: not one request fails, and plans were read meanwhile. (The connection timeout is five seconds, not
 * less: on a busy two-core machine a starved pool thread alone can make a request wait a second.)
 */
class IndexAuditPoolIT {
    private static final int POOL_SIZE = 2;
    private static final int CLIENTS = 8;
    private static final int REQUESTS_PER_ROUND = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAuditNeverExhaustsTheApplicationsPool() {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = AppProcess.jar(Artifacts.appJar("jpa-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.db.explain.enabled", "true")
                .sysProp("vigil.db.explain.interval-seconds", "1")
                .arg("--server.port=" + appPort)
                .arg("--spring.datasource.hikari.maximum-pool-size=" + POOL_SIZE)
                .arg("--spring.datasource.hikari.minimum-idle=" + POOL_SIZE)
                .arg("--spring.datasource.hikari.connection-timeout=5000")
                .start()) {
            app.awaitHttp(appPort, "/owners/1", Duration.ofSeconds(90));
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));

            for (int i = 0; i < 30; i++) { // one client first: the code paths compiled, the pool filled
                assertThat(Http.get(appPort, i % 2 == 0 ? "/owners/pets" : "/owners/" + (1 + i % 15)).status()).isEqualTo(200);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int rounds = 0;
            int explained = 0;
            // At least three rounds, so requests run while the audit explains, and until it has read plans.
            while (rounds < 3 || explained == 0) {
                assertThat(System.nanoTime()).as("plans read within 60 s; " + app.logTail()).isLessThan(deadline);
                Map<Integer, Integer> statuses = Http.hammer(REQUESTS_PER_ROUND, CLIENTS, i -> Http.request(appPort,
                        i % 4 == 0 ? "/owners/pets" : i % 4 == 1 ? "/owners/pets-fetched" : "/owners/" + (1 + i % 15)).GET().build());
                assertThat(statuses).as("round %d: every request answered 200, none waited out the pool; %s", rounds,
                        app.logTail()).isEqualTo(Map.of(200, REQUESTS_PER_ROUND));
                rounds++;
                explained = explainedStatements(metricsPort);
            }
            Scrape scrape = Scrape.fetch(metricsPort);
            assertThat(scrape.value(Contract.POOL_MAX, Map.of())).as(scrape.lines(Contract.POOL_MAX)).isEqualTo(POOL_SIZE);
            assertThat(app.stdout() + app.stderr()).doesNotContain("Connection is not available");
        }
    }

    private static int explainedStatements(int metricsPort) {
        Http.Response response = Http.send(Http.request(metricsPort, "/vigil/audit").header("Accept", "application/json").GET().build());
        assertThat(response.status()).isEqualTo(200);
        try {
            int explained = 0;
            for (JsonNode row : JSON.readTree(response.body()).get("statements")) {
                if (row.path("explained").asBoolean()) {
                    explained++;
                }
            }
            return explained;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
