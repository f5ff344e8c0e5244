package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
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
import dev.vigil.it.support.Http;
import dev.vigil.it.support.PrometheusServer;

/**
 * The ready-made dashboards ({@code grafana-dashboards/dashboards/*.json}) and alert rules
 * ({@code grafana-dashboards/rules/vigil-alerts.yaml}) against real data: the framework-free example
 * app (H2) runs under the agent, the test sends it ~20 s of mixed traffic, and a real Prometheus
 * scrapes it every second and evaluates the rules every second. Then every panel query must return
 * data, every recording rule must evaluate, a fault must fire its alert, and exemplars must be stored.
 *
 * <p>One app, one Prometheus and one burst of traffic for the whole class, to keep it well under 90 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsOnRealDataIT {

    private static final Duration TRAFFIC = Duration.ofSeconds(20);
    private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Metrics the example app legitimately cannot have, by metric name, with the reason. A panel whose
     * query uses one of them is allowed to return nothing; every other panel must return data.
     */
    private static final Map<String, String> CANNOT_EXIST_HERE = Map.of(
            "db_client_connection_count", "HikariCP pool metric: the example app uses DriverManager, no pool",
            "db_client_connection_max", "HikariCP pool metric: the example app uses DriverManager, no pool",
            "db_client_connection_pending_requests", "HikariCP pool metric: the example app uses DriverManager, no pool",
            "db_client_connection_wait_time_seconds_bucket", "HikariCP pool metric: the example app uses DriverManager, no pool",
            "vigil_agent_errors_total", "has a series only after an internal agent error; a healthy agent has none");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RECORD = Pattern.compile("(?m)^\\s*-\\s*record:\\s*(\\S+)\\s*$");
    private static final Pattern ALERT = Pattern.compile("(?m)^\\s*-\\s*alert:\\s*(\\S+)\\s*$");
    private static final Pattern FOR = Pattern.compile("(?m)^(\\s*)for:\\s*\\S+\\s*$");
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

    private final Path dashboardsDir = repoRoot().resolve("grafana-dashboards");
    private Path rulesCopy;
    private AppProcess app;
    private PrometheusServer prometheus;
    private int appPort;
    private int metricsPort;
    private final Map<String, AtomicInteger> sent = new LinkedHashMap<>();

    @BeforeAll
    void startAppPrometheusAndSendTraffic() throws Exception {
        PrometheusServer.requireBinary(); // skip (or fail) before starting anything

        // A copy of the ready-made rules with every `for:` set to 0s: the same expressions and
        // thresholds, no waiting (the originals wait 2 to 15 minutes, far beyond a test).
        String rules = Files.readString(dashboardsDir.resolve("rules/vigil-alerts.yaml"));
        int alerts = count(ALERT, rules);
        int fors = count(FOR, rules);
        assertThat(fors).as("every alert rule has a `for:`, nothing else does").isEqualTo(alerts);
        rulesCopy = Files.createTempFile("vigil-alerts-for-0s-", ".yaml");
        Files.writeString(rulesCopy,
                "# Copy of grafana-dashboards/rules/vigil-alerts.yaml written by DashboardsOnRealDataIT:\n"
                        + "# same expressions and thresholds, every `for:` set to 0s (no waiting).\n"
                        + FOR.matcher(rules).replaceAll("$1for: 0s"));

        appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        app = HttpServerExample.onPort(appPort)
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .jvmArg("-Xmx128m")
                .start();
        HttpServerExample.awaitReady(app, appPort);
        this.metricsPort = metricsPort;
        // Prometheus scrapes the agent's endpoint directly, as users point it. Debian 12's Prometheus
        // (2.42) rejects a scrape with exemplars anywhere but _bucket and _total lines; the agent keeps
        // them there only, and this first scrape proves it.
        prometheus = PrometheusServer.start(metricsPort, rulesCopy);
        assertThat(prometheus.awaitFirstScrape(Duration.ofSeconds(10))).as("first scrape of the agent").startsWith("up");

        // The first requests create the series; Prometheus needs to see them at a low value before
        // the burst, or rate() would miss the burst's first part.
        send("GET /boom", this::boom);
        send("GET /items/{id}", () -> Http.get(appPort, "/items/1"));
        for (int i = 0; i < 12; i++) { // 12 orders, so that /orders/recent runs 12 item lookups: an N+1
            send("POST /orders", () -> Http.post(appPort, "/orders", "item=1&qty=1", "application/x-www-form-urlencoded"));
        }
        send("GET /orders/recent", () -> Http.get(appPort, "/orders/recent"));
        Thread.sleep(2_500);

        long deadline = System.nanoTime() + TRAFFIC.toNanos();
        long lastSlow = 0;
        for (int round = 0; round < 1_000 && System.nanoTime() < deadline; round++) {
            int id = 1 + round % HttpServerExample.ITEMS;
            send("GET /items/{id}", () -> Http.get(appPort, "/items/" + id));
            send("GET /items/{id} 404", () -> Http.get(appPort, "/items/9" + id));
            send("POST /orders", () -> Http.post(appPort, "/orders", "item=" + id + "&qty=1", "application/x-www-form-urlencoded"));
            send("GET /boom", this::boom);
            send("GET /boom", this::boom);
            send("GET unknown", () -> Http.get(appPort, "/no/such/page/" + id));
            if (round % 4 == 0) {
                send("GET /orders/recent", () -> Http.get(appPort, "/orders/recent"));
                send("GET /bad-sql", () -> Http.get(appPort, "/bad-sql"));
            }
            if (System.nanoTime() - lastSlow > Duration.ofSeconds(3).toNanos()) {
                lastSlow = System.nanoTime();
                send("GET /slow", () -> Http.get(appPort, "/slow?ms=600"));
            }
            Thread.sleep(150);
        }
        System.out.println("DashboardsOnRealDataIT sent: " + sent);
        Thread.sleep(2_500); // two more scrapes and rule evaluations after the last request
    }

    @AfterAll
    void stop() throws IOException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (app != null) {
            app.close();
        }
        if (rulesCopy != null) {
            Files.deleteIfExists(rulesCopy);
        }
    }

    /**
     * The setup users have: Prometheus pointed straight at {@code :9464/metrics}. Prometheus scrapes
     * OpenMetrics by default and, before 2.43, accepts exemplars only on {@code _bucket} and
     * {@code _total} lines; one anywhere else fails the whole scrape, so every panel would be empty.
     */
    @Test
    void prometheus242ScrapesTheAgentDirectly() {
        try (PrometheusServer direct = PrometheusServer.start(metricsPort, null)) {
            String state = direct.awaitFirstScrape(Duration.ofSeconds(10));
            assertThat(state).as("target health of a Prometheus scraping the agent's /metrics directly").startsWith("up");
        }
    }

    @Test
    void everyPanelQueryOfEveryDashboardReturnsData() throws IOException {
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(dashboardsDir.resolve("dashboards"))) {
            dashboards = files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        assertThat(dashboards).as("dashboards in " + dashboardsDir).isNotEmpty();

        int queries = 0;
        List<String> empty = new ArrayList<>();
        Set<String> excused = new TreeSet<>();
        for (Path dashboard : dashboards) {
            for (String[] panelAndExpr : targets(JSON.readTree(dashboard.toFile()))) {
                queries++;
                String expr = substituteGrafanaVariables(panelAndExpr[1]);
                JsonNode result = prometheus.query(expr);
                if (result.size() > 0) {
                    continue;
                }
                String where = dashboard.getFileName() + " / \"" + panelAndExpr[0] + "\": " + expr;
                List<String> reasons = CANNOT_EXIST_HERE.keySet().stream()
                        .filter(metric -> Pattern.compile("\\b" + metric + "\\b").matcher(expr).find())
                        .sorted().collect(Collectors.toList());
                if (reasons.isEmpty()) {
                    empty.add(where);
                } else {
                    excused.add(where + "  <- " + reasons.stream().map(m -> m + ": " + CANNOT_EXIST_HERE.get(m))
                            .collect(Collectors.joining("; ")));
                }
            }
        }
        System.out.println("DashboardsOnRealDataIT: " + queries + " panel queries, " + excused.size()
                + " empty for a listed reason:\n  " + String.join("\n  ", excused));
        assertThat(queries).as("panel queries found").isGreaterThan(20);
        assertThat(empty).as("panel queries that returned no data although their metrics exist in this app"
                + " (sent: " + sent + ")\n" + prometheus.logTail()).isEmpty();
        assertThat(excused).as("panels excused because their metrics cannot exist here; a long list would hide real gaps")
                .hasSizeLessThanOrEqualTo(6);
    }

    @Test
    void everyRecordingRuleEvaluates() throws IOException {
        Set<String> expected = new LinkedHashSet<>(all(RECORD, Files.readString(dashboardsDir.resolve("rules/vigil-alerts.yaml"))));
        assertThat(expected).as("recording rules in vigil-alerts.yaml").isNotEmpty();

        Map<String, JsonNode> recording = new LinkedHashMap<>();
        List<String> alertHealth = new ArrayList<>();
        for (JsonNode group : prometheus.rules()) {
            for (JsonNode rule : group.path("rules")) {
                if ("recording".equals(rule.path("type").asText())) {
                    recording.put(rule.path("name").asText(), rule);
                } else if (!"ok".equals(rule.path("health").asText())) {
                    alertHealth.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " " + rule.path("lastError").asText());
                }
            }
        }
        assertThat(recording.keySet()).as("recording rules Prometheus loaded").containsExactlyInAnyOrderElementsOf(expected);
        for (String name : expected) {
            JsonNode rule = recording.get(name);
            assertThat(rule.path("health").asText()).as(name + " health (lastError: " + rule.path("lastError").asText() + ")").isEqualTo("ok");
            assertThat(prometheus.query(name).size()).as("samples of " + name + " (sent: " + sent + ")").isPositive();
        }
        assertThat(alertHealth).as("alert rules whose evaluation failed").isEmpty();
    }

    @Test
    void aFaultMakesTheMatchingAlertFire() {
        String promql = "ALERTS{alertname=\"VigilHighErrorRate\",alertstate=\"firing\",http_route=\"/boom\"}";
        long deadline = System.nanoTime() + ALERT_TIMEOUT.toNanos();
        JsonNode firing = prometheus.query(promql);
        while (firing.size() == 0 && System.nanoTime() < deadline) {
            boom(); // keep the fault going while waiting
            sleep(500);
            firing = prometheus.query(promql);
        }
        assertThat(firing.size()).as(promql + " within " + ALERT_TIMEOUT + "; ratio now: "
                + prometheus.query("vigil:http_server_errors:rate5m / vigil:http_server_requests:rate5m")
                + ", rate now: " + prometheus.query("vigil:http_server_requests:rate5m{http_route=\"/boom\"}")
                + "; alerts: " + prometheus.alerts()).isPositive();
        JsonNode labels = firing.get(0).path("metric");
        assertThat(labels.path("severity").asText()).isEqualTo("page");
        assertThat(labels.path("job").asText()).isEqualTo(PrometheusServer.JOB);

        JsonNode alert = PrometheusServer.list(prometheus.alerts()).stream()
                .filter(a -> "VigilHighErrorRate".equals(a.path("labels").path("alertname").asText())
                        && "/boom".equals(a.path("labels").path("http_route").asText())
                        && "firing".equals(a.path("state").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("/api/v1/alerts has no firing VigilHighErrorRate for /boom: " + prometheus.alerts()));
        String summary = alert.path("annotations").path("summary").asText();
        assertThat(summary).as("summary").matches(".*\\d+(\\.\\d+)?%.*").contains("/boom");
        assertThat(alert.path("annotations").path("runbook_url").asText()).contains("#vigilhigherrorrate");

        System.out.println("DashboardsOnRealDataIT: firing " + alert.path("labels") + " summary: " + summary);

        // Routes that answered no 5xx must not fire (/bad-sql answers 500 too, but stays under the
        // 0.1 req/s traffic guard here, which is not what this test is about).
        JsonNode others = prometheus.query("ALERTS{alertname=\"VigilHighErrorRate\",http_route!~\"/boom|/bad-sql\"}");
        assertThat(others.size()).as("VigilHighErrorRate for other routes: " + others).isZero();
    }

    @Test
    void exemplarsAreStored() {
        JsonNode data = prometheus.exemplars("http_server_request_duration_seconds_bucket");
        List<String> traceIds = new ArrayList<>();
        for (JsonNode series : data) {
            for (JsonNode exemplar : series.path("exemplars")) {
                traceIds.add(exemplar.path("labels").path("trace_id").asText());
            }
        }
        assertThat(traceIds).as("exemplars on http_server_request_duration_seconds_bucket: " + data).isNotEmpty();
        assertThat(traceIds).as("trace_id labels").allMatch(id -> TRACE_ID.matcher(id).matches());
    }

    // --- helpers ---

    /** Grafana's variables as a dashboard with "All" selected would send them. */
    static String substituteGrafanaVariables(String expr) {
        return expr
                .replace("${job}", ".*").replace("$job", ".*")
                .replace("${instance}", ".*").replace("$instance", ".*")
                .replace("${service}", ".*").replace("$service", ".*")
                .replace("$__rate_interval", "1m")
                .replace("$__range", "5m")
                .replace("$__interval", "15s");
    }

    /** Every (panel title, expr) of a dashboard, rows' nested panels included. */
    private static List<String[]> targets(JsonNode dashboard) {
        List<String[]> out = new ArrayList<>();
        collect(dashboard.path("panels"), out);
        return out;
    }

    private static void collect(JsonNode panels, List<String[]> out) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isBlank() && !target.path("hide").asBoolean(false)) {
                    out.add(new String[] {panel.path("title").asText(), expr});
                }
            }
            collect(panel.path("panels"), out);
        }
    }

    /**
     * {@code GET /boom}: the handler throws, and the JDK HttpServer then closes the connection without
     * an answer (the agent counts it as a 500 all the same), so "no response" is the expected outcome.
     */
    private void boom() {
        try {
            Http.get(appPort, "/boom");
        } catch (java.io.UncheckedIOException expected) {
            // no response: see above
        }
    }

    private void send(String what, Runnable request) {
        request.run();
        sent.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private static Path repoRoot() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().resolve("..").normalize();
    }

    private static int count(Pattern pattern, String text) {
        return all(pattern, text).size();
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
