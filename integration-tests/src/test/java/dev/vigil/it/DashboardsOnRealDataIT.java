package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
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
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.PrometheusServer;

/**
 * The ready-made dashboards ({@code grafana-dashboards/dashboards/*.json}), the ready-made alert rules
 * ({@code grafana-dashboards/rules/vigil-alerts.yaml}) and the shop's own business alerts
 * ({@code examples/shop/alerts.yaml}, compiled by the agent jar's {@code alerts} command) against real
 * data: the example shop (Spring Boot + JPA on H2, HikariCP) runs under the agent with its
 * {@code vigil.yaml}, the test sends it ~20 s of mixed traffic with half the payments declined, and a
 * real Prometheus scrapes it and evaluates both rule files every second. Then every panel query must
 * return data, every recording rule must evaluate, the faults must fire their alerts (a ready-made
 * one and a declared business one), and exemplars must be stored.
 *
 * <p>One app, one Prometheus and one burst of traffic for the whole class, to keep it well under 90 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsOnRealDataIT {

    private static final Duration TRAFFIC = Duration.ofSeconds(20);
    private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(30);
    /** The shop's seed data: customers 1-6, products 1-9 well stocked (10 has only 3). */
    private static final int CUSTOMERS = 6;
    private static final int PRODUCTS = 9;

    /**
     * Metrics the example shop legitimately cannot have, by metric name, with the reason. A panel whose
     * query uses one of them is allowed to return nothing; every other panel must return data.
     */
    private static final Map<String, String> CANNOT_EXIST_HERE = Map.of(
            "vigil_agent_errors_total", "has a series only after an internal agent error; a healthy agent has none");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RECORD = Pattern.compile("(?m)^\\s*-\\s*record:\\s*(\\S+)\\s*$");
    private static final Pattern ALERT = Pattern.compile("(?m)^\\s*-\\s*alert:\\s*(\\S+)\\s*$");
    private static final Pattern FOR = Pattern.compile("(?m)^(\\s*)for:\\s*\\S+\\s*$");
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

    private final Path dashboardsDir = repoRoot().resolve("grafana-dashboards");
    private Path workDir;
    private Path shippedRules;
    private Path userRules;
    private AppProcess app;
    private PrometheusServer prometheus;
    private int appPort;
    private int metricsPort;
    private final Map<String, AtomicInteger> sent = new LinkedHashMap<>();

    @BeforeAll
    void startAppPrometheusAndSendTraffic() throws Exception {
        PrometheusServer.requireBinary(); // skip (or fail) before starting anything
        workDir = Files.createTempDirectory("vigil-dashboards-it-");

        // Copies of the ready-made rules and of the shop's compiled alerts with every `for:` set to 0s:
        // the same expressions and thresholds, no waiting (the originals wait minutes to hours).
        String rules = Files.readString(dashboardsDir.resolve("rules/vigil-alerts.yaml"));
        assertThat(count(FOR, rules)).as("every ready-made alert rule has a `for:`, nothing else does")
                .isEqualTo(count(ALERT, rules));
        shippedRules = withoutWaiting(rules, "grafana-dashboards/rules/vigil-alerts.yaml", "vigil-alerts.yaml");
        Path compiled = compileShopAlerts();
        userRules = withoutWaiting(Files.readString(compiled), "the shop's compiled alerts.yaml", "vigil-user-alerts.yaml");

        appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        app = AppProcess.jar(shopJar())
                .name("DashboardsOnRealDataIT-shop")
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.config", Artifacts.examplesDir().resolve("shop/vigil.yaml"))
                .jvmArg("-Xmx256m")
                .arg("--server.port=" + appPort)
                .start();
        app.awaitOutput("READY " + appPort, Duration.ofSeconds(120));
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
        this.metricsPort = metricsPort;
        // Prometheus scrapes the agent's endpoint directly, as users point it. Debian 12's Prometheus
        // (2.42) rejects a scrape with exemplars anywhere but _bucket and _total lines; the agent keeps
        // them there only, and this first scrape proves it.
        prometheus = PrometheusServer.start(metricsPort, List.of(shippedRules, userRules));
        assertThat(prometheus.awaitFirstScrape(Duration.ofSeconds(10))).as("first scrape of the agent").startsWith("up");

        // The first requests create the series; Prometheus needs to see them at a low value before
        // the burst, or rate() would miss the burst's first part.
        send("GET /boom", () -> Http.get(appPort, "/boom"));
        send("GET /products/{id}", () -> Http.get(appPort, "/products/1"));
        send("POST /checkout", () -> Http.send(checkout(1, 1)));
        send("POST /signup", () -> signup(0));
        send("GET /orders/recent", () -> Http.get(appPort, "/orders/recent"));
        send("GET /orders/{id}/receipt", () -> Http.get(appPort, "/orders/1/receipt")); // the cross-module read
        Thread.sleep(2_500);

        // The faults: half the payments declined (502, the event checkout.failed), and /boom throwing.
        assertThat(Http.send(form("/admin/faults", "checkoutFailureRate=0.5")).status()).isEqualTo(200);
        long deadline = System.nanoTime() + TRAFFIC.toNanos();
        long lastSlow = 0;
        int signups = 0;
        for (int round = 0; round < 1_000 && System.nanoTime() < deadline; round++) {
            int id = 1 + round % PRODUCTS;
            send("GET /products/{id}", () -> Http.get(appPort, "/products/" + id));
            send("GET /products/{id} 404", () -> Http.get(appPort, "/products/9" + id));
            send("POST /checkout", () -> Http.send(checkout(1 + id % CUSTOMERS, id)));
            send("POST /checkout", () -> Http.send(checkout(1 + (id + 1) % CUSTOMERS, id)));
            send("GET /boom", () -> Http.get(appPort, "/boom"));
            send("GET unknown", () -> Http.get(appPort, "/no/such/page/" + id));
            if (round % 2 == 0) {
                int signup = round;
                send("POST /signup", () -> signup(signup));
                signups++;
            }
            if (round % 4 == 0) {
                send("GET /orders/recent", () -> Http.get(appPort, "/orders/recent"));
                send("GET /orders/{id}/receipt", () -> Http.get(appPort, "/orders/" + id + "/receipt"));
                send("GET /bad-sql", () -> Http.get(appPort, "/bad-sql"));
            }
            if (System.nanoTime() - lastSlow > Duration.ofSeconds(3).toNanos()) {
                lastSlow = System.nanoTime();
                send("GET /slow", () -> Http.get(appPort, "/slow?ms=600"));
            }
            Thread.sleep(150);
        }
        // A healthy signup flow whatever the machine's speed: SignupsStopped asks for 30 in its 30-minute window,
        // and a slow machine gets through fewer rounds above.
        for (int signup = 1_000 + signups; signups < HEALTHY_SIGNUPS; signup++, signups++) {
            int n = signup;
            send("POST /signup", () -> signup(n));
        }
        System.out.println("DashboardsOnRealDataIT sent: " + sent);
        Thread.sleep(2_500); // two more scrapes and rule evaluations after the last request
    }

    /** More than the 30 per 30 minutes under which the shop's SignupsStopped fires. */
    private static final int HEALTHY_SIGNUPS = 40;

    @AfterAll
    void stop() throws IOException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (app != null) {
            app.close();
        }
        if (workDir != null) {
            try (Stream<Path> files = Files.walk(workDir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * The setup users have: Prometheus pointed straight at {@code :9464/metrics}. Prometheus scrapes
     * OpenMetrics by default and, before 2.43, accepts exemplars only on {@code _bucket} and
     * {@code _total} lines; one anywhere else fails the whole scrape, so every panel would be empty.
     */
    @Test
    void prometheus242ScrapesTheAgentDirectly() {
        try (PrometheusServer direct = PrometheusServer.start(metricsPort, List.of())) {
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
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void everyRecordingRuleEvaluates() throws IOException {
        Set<String> expected = new LinkedHashSet<>(all(RECORD, Files.readString(shippedRules)));
        expected.addAll(all(RECORD, Files.readString(userRules)));
        assertThat(expected).as("recording rules in vigil-alerts.yaml and the shop's compiled alerts").hasSizeGreaterThan(3);

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
            Http.get(appPort, "/boom"); // keep the fault going while waiting
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

        // Routes that answered no 5xx must not fire (/checkout answers 502 for the declined half; /bad-sql
        // answers 500 too, but stays under the 0.1 req/s traffic guard here).
        JsonNode others = prometheus.query("ALERTS{alertname=\"VigilHighErrorRate\",http_route!~\"/boom|/checkout|/bad-sql\"}");
        assertThat(others.size()).as("VigilHighErrorRate for other routes: " + others).isZero();
    }

    /**
     * The shop's own alert, declared in {@code examples/shop/alerts.yaml} and compiled by the agent jar:
     * with half the payments declined, the checkout success ratio from {@code vigil_business_events_total}
     * falls below 95% and {@code CheckoutSuccessRateLow} fires, with the value in its summary; the
     * healthy signals (signups still coming in, checkouts fast) stay silent.
     */
    @Test
    void aDeclaredBusinessAlertFiresUnderRealLoad() {
        String promql = "ALERTS{alertname=\"CheckoutSuccessRateLow\",alertstate=\"firing\"}";
        long deadline = System.nanoTime() + ALERT_TIMEOUT.toNanos();
        JsonNode firing = prometheus.query(promql);
        for (int i = 0; firing.size() == 0 && System.nanoTime() < deadline; i++) {
            Http.send(checkout(1 + i % CUSTOMERS, 1 + i % PRODUCTS)); // keep the fault going while waiting
            sleep(300);
            firing = prometheus.query(promql);
        }
        assertThat(firing.size()).as(promql + " within " + ALERT_TIMEOUT + "; events now: "
                + prometheus.query("sum by (event, outcome) (increase(vigil_business_events_total[1m]))")
                + "; alerts: " + prometheus.alerts()).isPositive();
        JsonNode labels = firing.get(0).path("metric");
        assertThat(labels.path("severity").asText()).isEqualTo("page");
        assertThat(labels.path("service_name").asText()).isEqualTo("shop");

        JsonNode alert = PrometheusServer.list(prometheus.alerts()).stream()
                .filter(a -> "CheckoutSuccessRateLow".equals(a.path("labels").path("alertname").asText())
                        && "firing".equals(a.path("state").asText()))
                .findFirst().orElseThrow();
        String summary = alert.path("annotations").path("summary").asText();
        System.out.println("DashboardsOnRealDataIT: firing " + alert.path("labels") + " summary: " + summary);
        assertThat(summary).as("summary").matches(".*\\d+(\\.\\d+)?%.*");
        assertThat(alert.path("annotations").path("runbook_url").asText()).isEqualTo("https://runbooks.example.com/shop#checkout-success-rate-low");
        assertThat(alert.path("annotations").path("dashboard_url").asText()).contains("/d/vigil-business");

        // The same fault burns the checkout SLO's budget far faster than 14.4x: its page fires too.
        JsonNode burn = prometheus.query("ALERTS{alertname=\"CheckoutAvailabilityErrorBudgetBurn\",alertstate=\"firing\",severity=\"page\"}");
        assertThat(burn.size()).as("fast-burn alerts of checkout-availability: " + prometheus.alerts()).isPositive();
        // Healthy signals stay silent: signups keep coming, checkouts are fast, every series exists.
        for (String silent : List.of("SignupsStopped", "CheckoutSlow", "CheckoutSuccessRateLowNoData", "SignupsStoppedNoData",
                "CheckoutSlowNoData", "CheckoutAvailabilityNoData")) {
            assertThat(prometheus.query("ALERTS{alertname=\"" + silent + "\"}").size()).as(silent).isZero();
        }
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
                .replace("${event}", ".*").replace("$event", ".*")
                .replace("${route}", ".*").replace("$route", ".*")
                .replace("${slo}", ".*").replace("$slo", ".*")
                .replace("$__rate_interval", "1m")
                .replace("$__range", "5m")
                .replace("$__interval", "15s");
    }

    /** Every (panel title, expr) of a dashboard, rows' nested panels included. */
    static List<String[]> targets(JsonNode dashboard) {
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

    private HttpRequest checkout(int customer, int product) {
        return Http.request(appPort, "/checkout")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":" + customer + ",\"productId\":" + product
                        + ",\"quantity\":1,\"paymentMethod\":\"card\"}"))
                .build();
    }

    private void signup(int n) {
        Http.send(form("/signup", "name=Newcomer&email=newcomer" + n + "%40example.com"));
    }

    private HttpRequest form(String path, String body) {
        return Http.request(appPort, path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The shop's alerts.yaml compiled by the built agent jar, as a user would: the rule file it writes. */
    private Path compileShopAlerts() throws IOException, InterruptedException {
        Path out = workDir.resolve("compiled");
        Process compile = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Artifacts.agentJar().toString(), "alerts",
                Artifacts.examplesDir().resolve("shop/alerts.yaml").toString(), "-o", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(compile.getInputStream().readAllBytes());
        assertThat(compile.waitFor()).as("java -jar vigil-agent.jar alerts examples/shop/alerts.yaml: " + output).isZero();
        Path rules = out.resolve("vigil-user-alerts.rules.yaml");
        assertThat(rules).as(output).isRegularFile();
        return rules;
    }

    private Path withoutWaiting(String rules, String from, String name) throws IOException {
        return Files.writeString(workDir.resolve(name), "# Copy of " + from + " written by DashboardsOnRealDataIT:\n"
                + "# same expressions and thresholds, every `for:` set to 0s (no waiting).\n"
                + FOR.matcher(rules).replaceAll("$1for: 0s"));
    }

    private static Path shopJar() {
        Path jar = Artifacts.examplesDir().resolve("shop/target/vigil-shop.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The example shop jar is missing: " + jar
                    + ". Build it first: cd <repo root> && mvn -q -B -pl examples/shop -am package -DskipTests");
        }
        return jar;
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
