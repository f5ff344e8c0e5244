package dev.vigil.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Services;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery end to end, as a user sets it up: an app under the agent fails every checkout, its
 * alerts.yaml compiled by {@code java -jar vigil-agent.jar alerts} is evaluated by a real Prometheus,
 * which sends to a real Alertmanager ({@code examples/alertmanager.yml}), which posts to a webhook on
 * 127.0.0.1. The page arrives with its summary, runbook and dashboard links; the SLO's slow-burn
 * ticket is held back while its fast-burn page fires.
 *
 * <p>Debian's {@code prometheus} and {@code prometheus-alertmanager} ({@code .ci/run} installs both);
 * without them the test is skipped, or fails under {@code VIGIL_REQUIRE_SERVICES=1}. The compiled
 * rules' {@code for:} are set to 0s, as in DashboardsOnRealDataIT: same expressions, no waiting.
 */
class AlertDeliveryIT {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern FOR = Pattern.compile("(?m)^(\\s*)for:\\s*\\S+\\s*$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String GRAFANA = "http://grafana.example:3000";
    private static final String RUNBOOK = "https://runbooks.example.com/shop#checkout-success-rate-low";

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private AppProcess app;
    private HttpServer webhook;

    /** What the webhook received: the path (/page or /ticket) and the JSON body. */
    private record Notification(String path, JsonNode body) {
    }

    private final BlockingQueue<Notification> received = new LinkedBlockingQueue<>();

    @Test
    void aCompiledBusinessAlertReachesTheWebhookWithItsLinksAndTheSloTicketIsHeldBackByItsPage() throws Exception {
        Path prometheusBinary = requireBinary("prometheus", "prometheus");
        Path alertmanagerBinary = requireBinary("prometheus-alertmanager", "prometheus-alertmanager");

        int webhookPort = startWebhook();
        int alertmanagerPort = startAlertmanager(alertmanagerBinary, webhookPort);
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        app = AppProcess.mainClass(FailingCheckoutApp.class.getName(), List.of(testClasses()))
                .withAgent()
                .env("OTEL_SERVICE_NAME", "shop")
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.config", Files.writeString(dir.resolve("vigil.yaml"), """
                        events:
                          checkout.completed: { http: "POST /checkout", status: 2xx }
                          checkout.failed:    { http: "POST /checkout", status: 5xx }
                        """))
                .arg(String.valueOf(appPort))
                .start();
        app.awaitOutput("READY " + appPort, Duration.ofSeconds(60));
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
        startPrometheus(prometheusBinary, compileAlerts(), metricsPort, alertmanagerPort);

        // One checkout creates the series; Prometheus must see them low before the rest, or rate() misses it.
        assertThat(Http.post(appPort, "/checkout", "cart=1").status()).isEqualTo(502);
        Thread.sleep(2_500);
        for (int i = 0; i < 40; i++) {
            Http.post(appPort, "/checkout", "cart=" + i);
            Thread.sleep(150);
        }

        JsonNode page = awaitAlert("/page", "CheckoutSuccessRateLow");
        assertThat(page.path("labels").path("severity").asText()).isEqualTo("page");
        assertThat(page.path("labels").path("service_name").asText()).isEqualTo("shop");
        JsonNode annotations = page.path("annotations");
        assertThat(annotations.path("summary").asText())
                .isEqualTo("shop: checkout.completed is 0% of checkout.completed + checkout.failed (below 95%)");
        assertThat(annotations.path("description").asText()).startsWith("Over the last 1m, checkout.completed made up 0%");
        assertThat(annotations.path("runbook_url").asText()).isEqualTo(RUNBOOK);
        assertThat(annotations.path("dashboard_url").asText()).isEqualTo(GRAFANA + "/d/vigil-business?var-job=shop&var-service=shop");

        JsonNode burn = awaitAlert("/page", "CheckoutAvailabilityErrorBudgetBurn");
        assertThat(burn.path("annotations").path("summary").asText())
                .startsWith("shop: SLO checkout-availability burns its error budget at 100.00x");
        assertThat(burn.path("annotations").path("dashboard_url").asText())
                .isEqualTo(GRAFANA + "/d/vigil-slos?var-slo=checkout-availability&var-job=shop&var-service=shop");
        // Both tickets (the 48m and 2h24m pairs of a 1d SLO) reached Alertmanager and are inhibited by the page.
        JsonNode tickets = awaitInhibitedTickets(alertmanagerPort, "CheckoutAvailabilityErrorBudgetBurn");
        assertThat(tickets).as("the SLO's ticket alerts in Alertmanager").hasSize(2);
        for (Notification n : received) {
            for (JsonNode alert : n.body().path("alerts")) {
                assertThat(n.path() + " " + alert.path("labels").path("alertname").asText())
                        .as("no ticket of a burning SLO is sent while its page fires").isNotEqualTo("/ticket CheckoutAvailabilityErrorBudgetBurn");
            }
        }
    }

    @AfterEach
    void stopEverything() {
        if (app != null) {
            app.close();
        }
        for (Process process : processes) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    // ---- the pieces ----

    private int startWebhook() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (String path : List.of("/page", "/ticket")) {
            webhook.createContext(path, exchange -> {
                received.add(new Notification(path, JSON.readTree(exchange.getRequestBody().readAllBytes())));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
        }
        webhook.start();
        return webhook.getAddress().getPort();
    }

    /** examples/alertmanager.yml as shipped, its webhooks pointed at this test and its waits shortened. */
    private int startAlertmanager(Path binary, int webhookPort) throws Exception {
        String config = Files.readString(Artifacts.examplesDir().resolve("alertmanager.yml"))
                .replace("http://host.docker.internal:9099", "http://127.0.0.1:" + webhookPort)
                .replaceAll("group_wait: \\S+", "group_wait: 1s")
                .replaceAll("group_interval: \\S+", "group_interval: 1s");
        Path file = Files.writeString(dir.resolve("alertmanager.yml"), config);
        int port = AppProcess.freePort();
        start("alertmanager", binary.toString(), "--config.file=" + file, "--storage.path=" + Files.createDirectories(dir.resolve("am")),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=");
        awaitReady(port);
        return port;
    }

    private Path compileAlerts() throws Exception {
        Path alerts = Files.writeString(dir.resolve("alerts.yaml"), """
                grafana_url: %s
                service: shop
                alerts:
                  - name: CheckoutSuccessRateLow
                    ratio: { good: checkout.completed, total: [checkout.completed, checkout.failed] }
                    below: 95%%
                    over: 1m
                    min_events: 5
                    severity: page
                    runbook_url: %s
                slos:
                  - name: checkout-availability
                    route: "POST /checkout"
                    objective: 99%%
                    window: 1d
                """.formatted(GRAFANA, RUNBOOK));
        Path out = dir.resolve("compiled");
        Process compile = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Artifacts.agentJar().toString(), "alerts", alerts.toString(), "-o", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(compile.waitFor()).as("java -jar vigil-agent.jar alerts: " + output).isZero();
        String rules = Files.readString(out.resolve("vigil-user-alerts.rules.yaml"));
        return Files.writeString(dir.resolve("rules.yaml"), FOR.matcher(rules).replaceAll("$1for: 0s"));
    }

    private void startPrometheus(Path binary, Path rules, int metricsPort, int alertmanagerPort) throws Exception {
        Path config = Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - '" + rules + "'",
                "alerting:",
                "  alertmanagers:",
                "    - static_configs:",
                "        - targets: ['127.0.0.1:" + alertmanagerPort + "']",
                "scrape_configs:",
                "  - job_name: shop",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + metricsPort + "']",
                ""));
        int port = AppProcess.freePort();
        start("prometheus", binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb")), "--web.listen-address=127.0.0.1:" + port);
        awaitReady(port);
    }

    // ---- waiting, bounded ----

    /** The first alert named {@code alertname} that the webhook received on {@code path}. */
    private JsonNode awaitAlert(String path, String alertname) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        List<Notification> seen = new ArrayList<>(received);
        while (true) {
            for (Notification n : seen) {
                for (JsonNode alert : n.body().path("alerts")) {
                    if (n.path().equals(path) && alertname.equals(alert.path("labels").path("alertname").asText())
                            && "firing".equals(alert.path("status").asText())) {
                        return alert;
                    }
                }
            }
            long left = deadline - System.nanoTime();
            Notification next = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return Assertions.fail("no firing " + alertname + " reached the webhook's " + path + " in " + DELIVERY_TIMEOUT
                        + "; received: " + received + "\n" + logs());
            }
            received.add(next); // keep everything for the final checks
            seen = List.of(next);
        }
    }

    /** Alertmanager's ticket alerts of {@code alertname} once every one is inhibited (suppressed by a page). */
    private JsonNode awaitInhibitedTickets(int alertmanagerPort, String alertname) throws Exception {
        String filter = URLEncoder.encode("alertname=\"" + alertname + "\"", StandardCharsets.UTF_8);
        URI uri = URI.create("http://127.0.0.1:" + alertmanagerPort + "/api/v2/alerts?filter=" + filter + "&filter="
                + URLEncoder.encode("severity=\"ticket\"", StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        JsonNode tickets = JSON.createArrayNode();
        while (System.nanoTime() < deadline) {
            tickets = JSON.readTree(CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            boolean allInhibited = tickets.size() == 2;
            for (JsonNode ticket : tickets) {
                allInhibited &= "suppressed".equals(ticket.path("status").path("state").asText())
                        && !ticket.path("status").path("inhibitedBy").isEmpty();
            }
            if (allInhibited) {
                return tickets;
            }
            Thread.sleep(500);
        }
        return Assertions.fail("the tickets of " + alertname + " were not inhibited in " + DELIVERY_TIMEOUT + ": " + tickets
                + "\n" + logs());
    }

    private void awaitReady(int port) throws Exception {
        URI ready = URI.create("http://127.0.0.1:" + port + "/-/ready");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (CLIENT.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        Assertions.fail("nothing ready on 127.0.0.1:" + port + " within 30s\n" + logs());
    }

    private void start(String name, String... command) throws IOException {
        Path log = dir.resolve(name + ".log");
        processes.add(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start());
    }

    private String logs() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("alertmanager", "prometheus")) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
                text.append("--- ").append(name).append(" ---\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()))).append('\n');
            } catch (IOException e) {
                text.append("(no ").append(name).append(" log)\n");
            }
        }
        return text.toString();
    }

    private static Path testClasses() throws Exception {
        return Path.of(AlertDeliveryIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** {@code name} on the PATH; skips the test without it, or fails it under VIGIL_REQUIRE_SERVICES=1. */
    private static Path requireBinary(String name, String debianPackage) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = entry.isEmpty() ? null : Path.of(entry, name);
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = name + " is not on the PATH (Debian: apt-get install " + debianPackage + "; .ci/run installs it)";
        if (Services.servicesRequired()) {
            Assertions.fail(message + ", and VIGIL_REQUIRE_SERVICES=1 says it must be there");
        }
        Assumptions.abort(message + " — skipping (set VIGIL_REQUIRE_SERVICES=1 to make this a failure)");
        throw new AssertionError("unreachable");
    }
}
