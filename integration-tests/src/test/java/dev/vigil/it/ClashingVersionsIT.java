package dev.vigil.it;

import static dev.vigil.it.support.Contract.HTTP_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;

/**
 * An application that bundles its own, older Micrometer, Logback, SLF4J, Byte Buddy and Jackson on the
 * same application class path the agent jar is appended to. The agent must not change which copies the
 * application gets, nor its logging, and must still measure it.
 */
class ClashingVersionsIT {

    private static AppProcess app;
    private static int appPort;
    private static int metricsPort;

    @BeforeAll
    static void startApp() {
        appPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        app = AppProcess.jar(Artifacts.appJar("clashing-app"))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg(String.valueOf(appPort))
                .start();
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(60));
        app.awaitHttp(appPort, "/versions", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void appKeepsItsOwnLibraryVersions() {
        Http.Response response = Http.get(appPort, "/versions");
        assertThat(response.status()).isEqualTo(200);
        Map<String, String[]> seen = parseVersions(response.body());

        // artifact -> the version the app bundles (root pom, passed in by surefire)
        Map<String, String> bundled = new LinkedHashMap<>();
        bundled.put("micrometer-core", expected("micrometer"));
        bundled.put("logback-classic", expected("logback"));
        bundled.put("logback-core", expected("logback"));
        bundled.put("slf4j-api", expected("slf4j"));
        bundled.put("byte-buddy", expected("bytebuddy"));
        bundled.put("jackson-databind", expected("jackson"));

        bundled.forEach((artifact, version) -> assertThat(seen.get(artifact))
                .as("%s as the app sees it (artifact, manifest version, jar it was loaded from):%n%s", artifact, response.body())
                .isNotNull()
                .satisfies(line -> assertThat(line[2]).endsWith("/lib/" + artifact + "-" + version + ".jar")));
        assertThat(seen.get("jackson-databind-runtime")[1]).as(response.body()).isEqualTo(expected("jackson"));
        assertThat(seen.get("slf4j-binding"))
                .as("the SLF4J provider the app's own SLF4J bound to:%n%s", response.body())
                .satisfies(line -> assertThat(line[1]).isEqualTo("ch.qos.logback.classic.LoggerContext"))
                .satisfies(line -> assertThat(line[2]).endsWith("/lib/logback-classic-" + expected("logback") + ".jar"));

        // The app's own logback.xml formats its lines, and nothing complains about a second copy of
        // SLF4J or Logback (a leaked provider, a second logback.xml on the class path).
        assertThat(Http.get(appPort, "/work/1").status()).isEqualTo(200);
        app.awaitOutput("work 1 done", Duration.ofSeconds(10));
        List<String> appLines = app.stdout().lines().filter(l -> l.contains("work 1 done")).collect(Collectors.toList());
        assertThat(appLines).singleElement().asString().startsWith("CLASHING-APP ");
        assertThat(app.stdout() + app.stderr())
                .as("stdout and stderr of the app")
                .doesNotContain("SLF4J")
                .doesNotContain("occurs multiple times")
                .doesNotContain("|-WARN")
                .doesNotContain("|-ERROR");
    }

    @Test
    void appIsStillMeasured() {
        int n = 40;
        Map<String, String> work = Map.of(
                "http_route", "/work/{id}",
                "http_request_method", "GET",
                "http_response_status_code", "200",
                "error_type", "");
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(n, 4, i -> Http.request(appPort, "/work/" + (1000 + i)).GET().build());

        assertThat(statuses).containsExactly(entry(200, n));
        Scrape after = Scrape.awaitValue(metricsPort, HTTP_COUNT, work, before.value(HTTP_COUNT, work) + n);
        assertThat(after.value(HTTP_COUNT, work) - before.value(HTTP_COUNT, work))
                .as("GET /work/<n> on the JDK HttpServer, counted under /work/{id}%s", after.lines(HTTP_COUNT))
                .isEqualTo(n);
    }

    private static String expected(String library) {
        String key = "vigil.it.clashing." + library + ".version";
        String version = System.getProperty(key);
        assertThat(version).as("system property %s (set by integration-tests/pom.xml)", key).isNotBlank();
        return version;
    }

    /** {@code artifact version location} per line, by artifact. */
    private static Map<String, String[]> parseVersions(String body) {
        return body.lines()
                .map(l -> l.split(" ", 3))
                .filter(parts -> parts.length == 3)
                .collect(Collectors.toMap(parts -> parts[0], parts -> parts, (a, b) -> a, LinkedHashMap::new));
    }
}
