package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.PrometheusServer;
import dev.vigil.it.support.VictoriaMetricsServer;

/**
 * Past one instance and one Prometheus: three instances of the framework-free example
 * ({@code examples/httpserver-app}) run as one service under the agent, one real Prometheus scrapes all three,
 * evaluates the ready-made rules and writes every sample on to a VictoriaMetrics single node by
 * {@code remote_write}. Counts must sum exactly across instances, the p99 of all instances from
 * {@code histogram_quantile} must be within 10% of the p99 of the known latencies the instances produced, every
 * dashboard query and recording rule must give one answer per service, the same from VictoriaMetrics as from
 * Prometheus, and the rules must load in VictoriaMetrics' rule evaluator.
 *
 * <p>Everything starts once for the class; the JDK HttpServer example starts in seconds, where three Spring
 * Boot shops would take a minute of CI on two cores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutIT {

    private static final String SERVICE = "scaled-shop";
    private static final int INSTANCES = 3;
    /** /products/{id} requests per instance: different, so a sum that counted one instance twice would show. */
    private static final int[] ITEMS = {30, 40, 50};
    /** The shop's seeded products: ids 1 to 10. */
    private static final int PRODUCTS = 10;
    /** /slow requests in all, spread over the instances, with known delays ({@link #delayMillis}). */
    private static final int SLOW = 120;
    private static final int MAX_DELAY_MS = 240;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repo = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath()
            .resolve("..").normalize();
    private final List<AppProcess> apps = new ArrayList<>();
    private final List<Integer> appPorts = new ArrayList<>();
    private final List<Integer> metricsPorts = new ArrayList<>();
    private VictoriaMetricsServer victoria;
    private PrometheusServer prometheus;
    private Instant at;

    @BeforeAll
    void startThreeInstancesPrometheusAndVictoriaMetrics() throws Exception {
        PrometheusServer.requireBinary();
        VictoriaMetricsServer.requireBinary("victoria-metrics");
        for (int i = 0; i < INSTANCES; i++) {
            int appPort = AppProcess.freePort();
            int metricsPort = AppProcess.freePort();
            // The example shop (Spring Boot, JPA, H2), as the demo runs it, three times.
            apps.add(AppProcess.jar(Artifacts.examplesDir().resolve("shop/target/vigil-shop.jar"))
                    .name("ScaleOutIT-" + i)
                    .withAgent()
                    .sysProp("vigil.metrics.port", metricsPort)
                    .sysProp("vigil.service.name", SERVICE)
                    .sysProp("vigil.config", Artifacts.examplesDir().resolve("shop/vigil.yaml"))
                    .arg("--server.port=" + appPort)
                    .start());
            appPorts.add(appPort);
            metricsPorts.add(metricsPort);
        }
        for (int i = 0; i < INSTANCES; i++) {
            apps.get(i).awaitOutput("READY " + appPorts.get(i), Duration.ofSeconds(180));
            apps.get(i).awaitHttp(metricsPorts.get(i), "/metrics", Duration.ofSeconds(30));
        }
        victoria = VictoriaMetricsServer.start();
        prometheus = PrometheusServer.start(metricsPorts, List.of(repo.resolve("grafana-dashboards/rules/vigil-alerts.yaml")),
                victoria.remoteWriteUrl());
        assertThat(prometheus.awaitFirstScrape(Duration.ofSeconds(10))).startsWith("up");

        for (int i = 0; i < INSTANCES; i++) {
            int port = appPorts.get(i);
            Map<Integer, Integer> statuses = Http.hammer(ITEMS[i], 4,
                    n -> Http.request(port, "/products/" + (1 + n % PRODUCTS)).GET().build());
            assertThat(statuses).isEqualTo(Map.of(200, ITEMS[i]));
        }
        // One client per instance, one request at a time: two /slow requests on one instance at once queue at its
        // in-memory H2 (seen: a p99 of 480 ms for 240 ms delays), and the latencies would no longer be known.
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            int instance = i;
            Thread client = new Thread(() -> {
                for (int n = instance; n < SLOW; n += INSTANCES) {
                    statuses.add(Http.get(appPorts.get(instance), "/slow?ms=" + delayMillis(n)).status());
                }
            });
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        assertThat(statuses).hasSize(SLOW).containsOnly(200);
        // Three scrapes after the last request, then everything written on to VictoriaMetrics.
        Thread.sleep(3_500);
        at = Instant.now().minusSeconds(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (victoria.query("count(up)", at).size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /**
     * The n-th /slow request's delay, which the app spends in one database statement: evenly spaced over
     * [1, 240) ms, so the top ones stay inside the 200-250 ms bucket with room for the server's own time.
     */
    private static long delayMillis(int n) {
        return 1 + (long) n * (MAX_DELAY_MS - 1) / SLOW;
    }

    @AfterAll
    void stopEverything() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (victoria != null) {
            victoria.close();
        }
        apps.forEach(AppProcess::close);
    }

    @Test
    void countsSumExactlyAcrossInstancesInPrometheusAndInVictoriaMetrics() {
        String total = "sum by (service_name) (http_server_request_duration_seconds_count{http_route=\"/products/{id}\"})";
        int expected = ITEMS[0] + ITEMS[1] + ITEMS[2];
        for (JsonNode result : List.of(prometheus.query(total, at), victoria.query(total, at))) {
            assertThat(result.size()).as(result.toString()).isEqualTo(1);
            assertThat(result.get(0).path("metric").path("service_name").asText()).isEqualTo(SERVICE);
            assertThat(value(result.get(0))).as(result.toString()).isEqualTo(expected);
        }
        JsonNode perInstance = prometheus.query(
                "sum by (instance) (http_server_request_duration_seconds_count{http_route=\"/products/{id}\"})", at);
        assertThat(PrometheusServer.list(perInstance).stream().map(ScaleOutIT::value).sorted().collect(Collectors.toList()))
                .containsExactly(30.0, 40.0, 50.0);
        assertThat(value(prometheus.query("count by (service_name) (vigil_agent_info)", at).get(0))).isEqualTo(INSTANCES);
    }

    /**
     * The raw latencies are the delays the test asked the three instances for, merged: the servers' durations are
     * those plus their own (small) time, which the histograms' 10% must absorb too.
     */
    @Test
    void p99OverAllInstancesIsWithinTenPercentOfTheMergedRawLatencies() {
        List<Long> delays = new ArrayList<>();
        for (int n = 0; n < SLOW; n++) {
            delays.add(delayMillis(n));
        }
        Collections.sort(delays);
        double exact = delays.get((int) Math.ceil(0.99 * SLOW) - 1) / 1000.0;
        String promql = "histogram_quantile(0.99, sum by (le) (http_server_request_duration_seconds_bucket{"
                + "service_name=\"" + SERVICE + "\",http_route=\"/slow\",http_response_status_code=\"200\"}))";
        for (JsonNode result : List.of(prometheus.query(promql, at), victoria.query(promql, at))) {
            double estimate = value(result.get(0));
            assertThat(estimate).as("p99: %s from the histograms of all instances, %s exact", estimate, exact)
                    .isBetween(exact * 0.9, exact * 1.1);
        }
    }

    @Test
    void everyDashboardQueryGivesOneAnswerPerServiceAndTheSameFromVictoriaMetrics() throws IOException {
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(repo.resolve("grafana-dashboards/dashboards"))) {
            dashboards = files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        int compared = 0;
        List<String> problems = new ArrayList<>();
        for (Path dashboard : dashboards) {
            for (String[] panelAndExpr : DashboardsOnRealDataIT.targets(JSON.readTree(dashboard.toFile()))) {
                String expr = DashboardsOnRealDataIT.substituteGrafanaVariables(panelAndExpr[1]);
                String where = dashboard.getFileName() + " / \"" + panelAndExpr[0] + "\": " + expr;
                Map<String, Double> fromPrometheus = series(prometheus.query(expr, at));
                Map<String, Double> fromVictoria = series(victoria.query(expr, at));
                compare(where, expr, fromPrometheus, fromVictoria, problems);
                compared++;
            }
        }
        assertThat(compared).as("panel queries").isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRecordingRuleGivesOneAnswerPerService() {
        List<String> problems = new ArrayList<>();
        int rules = 0;
        for (JsonNode group : prometheus.rules()) {
            for (JsonNode rule : group.path("rules")) {
                if (!"recording".equals(rule.path("type").asText())) {
                    continue;
                }
                rules++;
                String name = rule.path("name").asText();
                for (JsonNode series : prometheus.query(name, at)) {
                    if (series.path("metric").has("instance")) {
                        problems.add(name + " keeps instances apart: " + series.path("metric"));
                    }
                }
                Map<String, Double> fromPrometheus = series(prometheus.query(name, at));
                fromPrometheus.values().removeIf(value -> value.isNaN()); // VictoriaMetrics leaves NaN out
                Map<String, Double> fromVictoria = series(victoria.query(name, at));
                if (!fromPrometheus.keySet().equals(fromVictoria.keySet())) {
                    problems.add(name + ": Prometheus " + fromPrometheus + ", VictoriaMetrics " + fromVictoria);
                }
            }
        }
        assertThat(rules).as("recording rules loaded").isGreaterThanOrEqualTo(3);
        assertThat(problems).isEmpty();
    }

    /**
     * What one instance costs a store: its series (sample lines of one scrape) and the scrape's size, printed
     * for docs/SCALING.md and bounded here; the flood case is the hardening suite's (RandomUrlsHardeningIT).
     */
    @Test
    void eachInstanceSendsABoundedNumberOfSeries() {
        for (int metricsPort : metricsPorts) {
            String text = Http.get(metricsPort, "/metrics").body();
            long series = text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).count();
            System.out.printf("ScaleOutIT: instance on :%d: %d series, %d bytes per scrape%n", metricsPort, series,
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            assertThat(series).as("series of one instance").isBetween(100L, 6_000L);
        }
        JsonNode stored = victoria.query("count({service_name=\"" + SERVICE + "\"})", at);
        System.out.println("ScaleOutIT: series of the service in VictoriaMetrics: " + stored);
    }

    @Test
    void theReadyMadeAndCompiledRulesLoadInVmalert() throws Exception {
        Path compiled = Files.createTempDirectory("vigil-scale-out-rules-");
        Process compile = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Artifacts.agentJar().toString(), "alerts",
                Artifacts.examplesDir().resolve("shop/alerts.yaml").toString(), "-o", compiled.toString())
                .redirectErrorStream(true).start();
        String output = new String(compile.getInputStream().readAllBytes());
        assertThat(compile.waitFor()).as(output).isZero();

        String check = VictoriaMetricsServer.vmalertCheck(List.of(repo.resolve("grafana-dashboards/rules/vigil-alerts.yaml"),
                compiled.resolve("vigil-user-alerts.rules.yaml")));

        assertThat(check).as("vmalert -dryRun").startsWith("0\n");
    }

    /**
     * The same series from both stores, and no two series of one service that differ only by instance unless the
     * query groups by instance. Values must be equal for plain aggregations. For rate() and increase() only the
     * series must match: on series younger than the window, as here, VictoriaMetrics divides by the time the
     * samples cover where Prometheus extrapolates, so the values differ by design until the window is full.
     */
    private static void compare(String where, String expr, Map<String, Double> prometheus, Map<String, Double> victoria,
                                List<String> problems) {
        // VictoriaMetrics leaves NaN results out (histogram_quantile over buckets that did not move).
        Map<String, Double> numbers = new TreeMap<>(prometheus);
        numbers.values().removeIf(value -> value.isNaN());
        if (!numbers.keySet().equals(victoria.keySet())) {
            problems.add(where + "\n    Prometheus:      " + numbers + "\n    VictoriaMetrics: " + victoria);
            return;
        }
        if (!WINDOWED.matcher(expr).find()) {
            numbers.forEach((labels, value) -> {
                double other = victoria.get(labels);
                if (Math.abs(value - other) > 1e-9 * Math.max(Math.abs(value), Math.abs(other)) + 1e-12) {
                    problems.add(where + "\n    " + labels + ": Prometheus " + value + ", VictoriaMetrics " + other);
                }
            });
        }
        if (AGGREGATED.matcher(expr).find() && !BY_INSTANCE.matcher(expr).find()) {
            Map<String, Integer> perService = new TreeMap<>();
            numbers.keySet().forEach(labels -> perService.merge(
                    labels.replaceAll("(, )?(instance|service_instance_id)=[^,}]*", ""), 1, Integer::sum));
            perService.forEach((labels, count) -> {
                if (count > 1) {
                    problems.add(where + "\n    " + count + " series for " + labels + ": one per instance, not one per service");
                }
            });
        }
    }

    private static final Pattern WINDOWED = Pattern.compile("\\b(rate|irate|increase|delta|deriv)\\(");
    private static final Pattern AGGREGATED = Pattern.compile("\\b(sum|count|avg|max|min)\\b");
    private static final Pattern BY_INSTANCE = Pattern.compile("by\\s*\\([^)]*\\binstance\\b");

    /** {labels → value} of an instant-query result, labels sorted; {@code __name__} left out (stores differ on it). */
    private static Map<String, Double> series(JsonNode result) {
        Map<String, Double> out = new TreeMap<>();
        for (JsonNode series : result) {
            Map<String, String> labels = new TreeMap<>();
            series.path("metric").fields().forEachRemaining(e -> {
                if (!e.getKey().equals("__name__")) {
                    labels.put(e.getKey(), e.getValue().asText());
                }
            });
            out.put(labels.toString(), value(series));
        }
        return out;
    }

    private static double value(JsonNode series) {
        String text = series.path("value").path(1).asText();
        return text.equals("NaN") ? Double.NaN : Double.parseDouble(text);
    }
}
