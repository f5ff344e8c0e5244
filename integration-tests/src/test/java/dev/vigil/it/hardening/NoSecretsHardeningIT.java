package dev.vigil.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets go into the app every way they do in real life (query strings, Authorization and Cookie
 * headers, custom headers, SQL literals and comments, a password in a JDBC URL, an exception message,
 * a path token), with the agent logging at debug level to a file: none of them comes out anywhere a
 * user can read, on /metrics (text and OpenMetrics), the overview page and its JSON, /vigil/queries,
 * the app's stdout and stderr, or the agent's log file.
 */
class NoSecretsHardeningIT {

    private static final int REPEATS = 12; // above the N+1 threshold (10): the N+1 event and its statement are shown too

    @TempDir
    Path dir;

    @Test
    void noQueryStringHeaderLiteralOrPasswordAppearsInAnyOutput() throws IOException {
        Random random = new Random();
        String suffix = RandomText.token(random, 10);
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("password", "hunter2" + suffix);
        secrets.put("token", "tok" + suffix + "zz");
        secrets.put("bearer", "bearer" + suffix + "yy");
        secrets.put("cookie", "sess" + suffix + "xx");
        secrets.put("api key", "apikey" + suffix + "ww");
        secrets.put("card", "4111-1111-" + (1000 + random.nextInt(9000)));
        secrets.put("card as a number", String.valueOf(4_111_111_100_000_000L + random.nextInt(1_000_000_000)));
        secrets.put("vault password", "vault" + suffix + "vv");
        secrets.put("path token", "rst" + RandomText.token(random, 29));
        secrets.put("exception message", "refused" + suffix + "uu");
        Path agentLog = dir.resolve("vigil.log");

        int appPort = AppProcess.freePort();
        int plainPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HardeningApp.onPorts(appPort, plainPort)
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.log.file", agentLog)
                .sysProp("vigil.log.level", "debug")
                .sysProp("app.vault.password", secrets.get("vault password"))
                .start()) {
            HardeningApp.awaitReady(app, appPort);
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));

            String query = "?user=alice&password=" + secrets.get("password") + "&card=" + secrets.get("card")
                    + "&token=" + secrets.get("token");
            for (int i = 0; i < REPEATS; i++) {
                Http.Response login = Http.send(Http.request(appPort, "/login" + query)
                        .header("Authorization", "Bearer " + secrets.get("bearer"))
                        .header("Cookie", "session=" + secrets.get("cookie"))
                        .header("X-Api-Key", secrets.get("api key"))
                        .GET().build());
                assertThat(login.status()).as(login + "\n" + app.logTail()).isEqualTo(403);
            }
            // The card lookup 12 times in one request: an N+1, whose event shows the statement.
            String sql = String.join("\n",
                    ("SELECT * FROM t1 WHERE note = '" + secrets.get("card") + "' AND id = " + secrets.get("card as a number") + "\n")
                            .repeat(REPEATS).strip(),
                    "UPDATE users SET password = '" + secrets.get("password") + "' WHERE name = 'alice'",
                    "SELECT secret_column FROM users WHERE password = '" + secrets.get("password") + "'", // fails, H2 quotes it
                    "/* token " + secrets.get("token") + " */ DELETE FROM t2 WHERE note = '" + secrets.get("token") + "'");
            for (int i = 0; i < REPEATS; i++) {
                Http.Response run = Http.send(Http.request(appPort, "/sql?token=" + secrets.get("token"))
                        .POST(HttpRequest.BodyPublishers.ofString(sql)).build());
                assertThat(run.body()).as(run.toString()).isEqualTo("executed=" + (REPEATS + 3) + " failed=1");
            }
            assertThat(Http.get(appPort, "/reset/" + secrets.get("path token") + "?password=" + secrets.get("password")).status())
                    .isEqualTo(200);
            assertThat(Http.get(plainPort, "/hostile/secret-message?" + URLEncoder.encode(secrets.get("exception message"),
                    StandardCharsets.UTF_8)).status()).as("the plain server's error page").isEqualTo(500);
            Scrape.await(metricsPort, s -> s.value(Contract.HTTP_COUNT, Map.of("http_route", "/login")) >= REPEATS,
                    Duration.ofSeconds(10));

            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("/metrics", Http.get(metricsPort, "/metrics").body());
            outputs.put("/metrics as OpenMetrics", Http.send(Http.request(metricsPort, "/metrics")
                    .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8").GET().build()).body());
            outputs.put("/", Http.get(metricsPort, "/").body());
            outputs.put("/vigil/overview.json", Http.get(metricsPort, "/vigil/overview.json").body());
            outputs.put(Contract.QUERIES_PAGE, Http.get(metricsPort, Contract.QUERIES_PAGE).body());
            outputs.put("the app's stdout", app.stdout());
            outputs.put("the app's stderr", app.stderr());
            outputs.put("the agent's log file", Files.readString(agentLog));

            SoftAssertions.assertSoftly(softly -> {
                outputs.forEach((where, text) -> secrets.forEach((what, secret) ->
                        softly.assertThat(text).as("the " + what + " in " + where).doesNotContain(secret)));
                // ...while what was asked of the app is there, in its safe form.
                softly.assertThat(outputs.get(Contract.QUERIES_PAGE)).as("the login query, sanitised")
                        .contains("SELECT name FROM users WHERE name = ? AND password = ?");
                softly.assertThat(outputs.get("/metrics")).contains("http_route=\"/login\"");
                softly.assertThat(outputs.get("the agent's log file")).as("the N+1 of /sql was logged").contains("n_plus_one");
            });
            assertThat(List.copyOf(outputs.keySet())).hasSize(8);
        }
    }
}
