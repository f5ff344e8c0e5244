package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.OtlpReceiver;
import dev.vigil.it.support.OtlpReceiver.MetricPoint;
import dev.vigil.it.support.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * OTLP metrics push, as a team whose platform runs an OpenTelemetry Collector turns it on: the standard
 * {@code OTEL_METRICS_EXPORTER=otlp} and {@code OTEL_EXPORTER_OTLP_ENDPOINT}. The example app runs twice under the
 * agent: once pushing cumulative values to one receiver while still serving {@code /metrics} (so both can be
 * compared for the same traffic), once pushing deltas to another receiver named by the metrics-only endpoint,
 * with {@code /metrics} switched off. The last test stops the first receiver: a dead collector.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OtlpMetricsIT {

    private static final String HTTP = "http.server.request.duration";
    private static final String DB = "db.client.operation.duration";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int INTERVAL_MILLIS = 300;

    private static OtlpReceiver cumulativeReceiver;
    private static OtlpReceiver deltaReceiver;
    private static AppProcess cumulativeApp;
    private static AppProcess deltaApp;
    private static int cumulativePort;
    private static int metricsPort;
    private static int deltaPort;
    private static int deltaMetricsPort;

    @BeforeAll
    static void startTwoAppsPushingToTwoReceivers() {
        cumulativeReceiver = OtlpReceiver.start();
        deltaReceiver = OtlpReceiver.start();
        cumulativePort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        deltaPort = AppProcess.freePort();
        deltaMetricsPort = AppProcess.freePort();
        cumulativeApp = HttpServerExample.onPort(cumulativePort).withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .env("OTEL_METRICS_EXPORTER", "otlp")
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", cumulativeReceiver.endpoint())
                // Spans go to the same receiver, as they would for a user: the traces' SDK must push no metrics.
                .env("OTEL_METRIC_EXPORT_INTERVAL", INTERVAL_MILLIS)
                .env("OTEL_SERVICE_NAME", "otlp-shop")
                .env("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=it,service.namespace=shops")
                .start();
        deltaApp = HttpServerExample.onPort(deltaPort).withAgent()
                .sysProp("vigil.metrics.port", deltaMetricsPort)
                .sysProp("vigil.metrics.enabled", "false")
                .env("OTEL_METRICS_EXPORTER", "otlp")
                .env("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", deltaReceiver.endpoint() + OtlpReceiver.METRICS_PATH)
                .env("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "delta")
                .env("OTEL_METRIC_EXPORT_INTERVAL", INTERVAL_MILLIS)
                .env("OTEL_SERVICE_NAME", "delta-shop")
                .start();
        HttpServerExample.awaitReady(cumulativeApp, cumulativePort);
        HttpServerExample.awaitReady(deltaApp, deltaPort);
        cumulativeApp.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable each : new AutoCloseable[] {cumulativeApp, deltaApp, cumulativeReceiver, deltaReceiver}) {
            try {
                if (each != null) {
                    each.close();
                }
            } catch (Exception ignored) {
                // the next one still closes
            }
        }
    }

    @Test
    @Order(1)
    void pushesTheSameCountsBucketsAndAttributesAsMetricsShows() {
        int items = 37;
        int orders = 11;
        Map<Integer, Integer> statuses = Http.hammer(items, 4,
                i -> Http.request(cumulativePort, "/items/" + (1 + i % HttpServerExample.ITEMS)).GET().build());
        assertThat(statuses).isEqualTo(Map.of(200, items));
        for (int i = 0; i < orders; i++) {
            assertThat(Http.post(cumulativePort, "/orders", "item=1&qty=1", "application/x-www-form-urlencoded").status())
                    .isEqualTo(201);
        }
        Map<String, String> itemsSeries = Map.of("http.route", "/items/{id}", "http.request.method", "GET",
                "http.response.status_code", "200");
        Scrape.awaitValue(metricsPort, "http_server_request_duration_seconds_count", prometheus(itemsSeries), items);

        // An export made after this scrape: nothing changes in between, so both must say the same.
        Scrape scrape = Scrape.fetch(metricsPort);
        int after = cumulativeReceiver.metricExportCount() + 1;
        cumulativeReceiver.awaitMetrics(points -> cumulativeReceiver.metricExportCount() > after, WAIT);
        List<MetricPoint> export = cumulativeReceiver.lastMetricExport();

        MetricPoint itemsPoint = only(export, HTTP, itemsSeries);
        assertThat(itemsPoint.count()).as(itemsPoint.toString()).isEqualTo(items);
        assertThat(itemsPoint.unit()).isEqualTo("s");
        assertThat(itemsPoint.temporality()).isEqualTo("CUMULATIVE");
        assertThat(itemsPoint.attributes().keySet()).containsExactlyInAnyOrder("http.request.method", "http.route",
                "http.response.status_code", "error.type", "service.name");
        assertThat(only(export, HTTP, Map.of("http.route", "/orders", "http.request.method", "POST")).count())
                .isEqualTo(orders);
        assertThat(export.stream().filter(p -> p.name().equals(DB)).mapToLong(MetricPoint::count).sum())
                .as("database operations pushed").isGreaterThanOrEqualTo(items);

        // Every histogram and counter of Vigil's, series by series, against /metrics.
        List<String> compared = new ArrayList<>();
        for (MetricPoint point : export) {
            if (!ours(point.name()) || point.type().equals("GAUGE")) {
                continue;
            }
            String family = prometheusName(point);
            Map<String, String> labels = prometheus(point.attributes());
            if (point.type().equals("HISTOGRAM")) {
                assertThat(point.count()).as("%s against %s", point, scrape.lines(family + "_count"))
                        .isEqualTo((long) scrape.value(family + "_count", labels));
                assertThat(point.sum()).as("%s sum", point)
                        .isCloseTo(scrape.value(family + "_sum", labels), org.assertj.core.data.Offset.offset(1e-6));
                assertThat(cumulative(point)).as("%s buckets against %s", point, scrape.lines(family + "_bucket"))
                        .isEqualTo(buckets(scrape, family, labels));
            } else {
                assertThat(point.value()).as("%s against %s", point, scrape.lines(family))
                        .isEqualTo(scrape.value(family, labels));
            }
            compared.add(family);
        }
        assertThat(compared).contains("http_server_request_duration_seconds", "db_client_operation_duration_seconds",
                "vigil_http_server_db_queries_per_request");
        // ...and nothing of ours on /metrics is missing from the push.
        Set<String> pushedFamilies = export.stream().filter(p -> ours(p.name())).map(OtlpMetricsIT::prometheusName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> scrapedFamilies = scrape.samples().stream().map(Scrape.Sample::name)
                .filter(name -> name.startsWith("http_") || name.startsWith("db_") || name.startsWith("vigil_"))
                .map(name -> name.replaceAll("_(bucket|count|sum|max)$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(pushedFamilies).containsAll(scrapedFamilies.stream()
                .filter(name -> !name.endsWith("_max") && !scrapedFamilies.contains(name + "_max"))
                .collect(Collectors.toList()));
    }

    @Test
    @Order(2)
    void theResourceComesFromTheStandardVariablesAndNoRelocatedNameLeaks() {
        List<MetricPoint> export = cumulativeReceiver.awaitMetrics(points -> !points.isEmpty(), WAIT);
        assertThat(export).isNotEmpty();
        MetricPoint any = export.get(export.size() - 1);
        Scrape scrape = Scrape.fetch(metricsPort);
        String instance = scrape.samples("vigil_agent_info", Map.of()).get(0).label("service_instance_id");
        assertThat(any.resource()).containsEntry("service.name", "otlp-shop")
                .containsEntry("deployment.environment.name", "it")
                .containsEntry("service.namespace", "shops")
                .containsEntry("service.instance.id", instance)
                .containsEntry("telemetry.sdk.language", "java");
        assertThat(export).extracting(MetricPoint::scope).containsOnly("dev.vigil.agent");
        assertThat(export.stream().map(p -> p.scope() + p.resource() + p.attributes() + p.name()))
                .noneMatch(text -> text.contains("shaded"));
        assertThat(cumulativeApp.stderr()).doesNotContain("dev.vigil.agent.shaded");
    }

    @Test
    @Order(3)
    void deltaTemporalitySendsEachRequestOnceAcrossExports() {
        assertThat(metricsServed(deltaMetricsPort)).as("/metrics with vigil.metrics.enabled=false").isFalse();
        Map<String, String> series = Map.of("http.route", "/items/{id}", "http.response.status_code", "200");
        int first = 23;
        int second = 17;
        for (int i = 0; i < first; i++) {
            assertThat(Http.get(deltaPort, "/items/1").status()).isEqualTo(200);
        }
        deltaReceiver.awaitMetrics(points -> total(deltaReceiver.metricPoints(HTTP, series)) >= first, WAIT);
        for (int i = 0; i < second; i++) {
            assertThat(Http.get(deltaPort, "/items/2").status()).isEqualTo(200);
        }
        deltaReceiver.awaitMetrics(points -> total(deltaReceiver.metricPoints(HTTP, series)) >= first + second, WAIT);
        // A few more intervals: an export that sent a request twice would show now.
        int settled = deltaReceiver.metricExportCount() + 3;
        deltaReceiver.awaitMetrics(points -> deltaReceiver.metricExportCount() >= settled, WAIT);

        List<MetricPoint> points = deltaReceiver.metricPoints(HTTP, series);
        assertThat(total(points)).as(points.toString()).isEqualTo(first + second);
        assertThat(points).extracting(MetricPoint::temporality).containsOnly("DELTA");
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).startNanos()).as("each delta starts where the previous ended")
                    .isEqualTo(points.get(i - 1).timeNanos());
        }
        assertThat(deltaReceiver.metricPoints().stream().filter(p -> p.type().equals("SUM")))
                .extracting(MetricPoint::temporality).containsOnly("DELTA");
        assertThat(deltaReceiver.metricPoints().get(0).resource()).containsEntry("service.name", "delta-shop");
    }

    @Test
    @Order(4)
    void aDeadCollectorCostsTheApplicationNothingAndIsLoggedOnce() {
        cumulativeReceiver.close();
        int requests = 40;

        Map<Integer, Integer> statuses = Http.hammer(requests, 4,
                i -> Http.request(cumulativePort, "/items/" + (1 + i % HttpServerExample.ITEMS)).GET().build());

        assertThat(statuses).isEqualTo(Map.of(200, requests));
        // The exporter retries a refused connection with backoff (about 8 s in all) before an export fails.
        Scrape scrape = Scrape.await(metricsPort, s -> s.value("vigil_metrics_export_failures_total", Map.of()) >= 2,
                Duration.ofSeconds(40));
        assertThat(scrape.value("vigil_metrics_export_failures_total", Map.of()))
                .as(scrape.lines("vigil_metrics")).isGreaterThanOrEqualTo(2);
        String log = cumulativeApp.stderr();
        assertThat(log.split("OTLP metrics could not be delivered", -1)).as(log).hasSize(2);
        assertThat(log).doesNotContainPattern("Failed to export \\d+ metrics");
        assertThat(cumulativeApp.isAlive()).isTrue();
    }

    /**
     * The push off (the default: no exporter asked for), nothing of it runs: none of its classes, no metric
     * reader and no exporter is even loaded, so it can cost no request anything. The start-up side is measured
     * by {@code benchmarks/overhead/startup.sh} with and without the feature.
     */
    @Test
    @Order(5)
    void offByDefaultItLoadsNoneOfItsClasses() throws IOException {
        java.nio.file.Path classLog = java.nio.file.Files.createTempFile("vigil-otlp-off", ".log");
        int port = AppProcess.freePort();
        int offMetricsPort = AppProcess.freePort();
        try (AppProcess app = HttpServerExample.onPort(port).withAgent()
                .sysProp("vigil.metrics.port", offMetricsPort)
                .jvmArg("-Xlog:class+load=info:file=" + classLog)
                .start()) {
            HttpServerExample.awaitReady(app, port);
            Map<Integer, Integer> statuses = Http.hammer(20, 2, i -> Http.request(port, "/items/" + (1 + i % HttpServerExample.ITEMS)).GET().build());
            assertThat(statuses).isEqualTo(Map.of(200, 20));
            Scrape scrape = Scrape.await(offMetricsPort, s -> s.value("http_server_request_duration_seconds_count",
                    Map.of("http_route", "/items/{id}")) >= 20, WAIT);
            assertThat(scrape.value("http_server_request_duration_seconds_count", Map.of("http_route", "/items/{id}"))).isEqualTo(20.0);
            List<String> loaded = java.nio.file.Files.readAllLines(classLog).stream()
                    .map(line -> line.replaceFirst("^.*\\] ", "").replaceFirst(" source:.*$", ""))
                    .collect(Collectors.toList());
            assertThat(loaded).as("the class-load log").anyMatch(name -> name.equals("dev.vigil.agent.otlp.OtlpMetricsFeature"));
            // The feature itself decides (its class, its lambdas, PushChoice); nothing past that decision loads.
            assertThat(loaded.stream().filter(name -> name.startsWith("dev.vigil.agent.otlp.")
                            && !name.startsWith("dev.vigil.agent.otlp.OtlpMetricsFeature")
                            && !name.startsWith("dev.vigil.agent.otlp.PushChoice")
                            || name.startsWith("dev.vigil.agent.shaded.opentelemetry.sdk.metrics.export.PeriodicMetricReader")
                            || name.startsWith("dev.vigil.agent.shaded.opentelemetry.exporter.")))
                    .as("classes of the push, of a metric reader or of an exporter (the traces' SDK has a meter"
                            + " provider of its own, with no reader)").isEmpty();
        } finally {
            java.nio.file.Files.deleteIfExists(classLog);
        }
    }

    private static boolean ours(String name) {
        return name.startsWith("http.") || name.startsWith("db.") || name.startsWith("vigil.");
    }

    /** How Prometheus names the pushed metric: underscores, the unit, and {@code _total} for a counter. */
    private static String prometheusName(MetricPoint point) {
        String name = point.name().replace('.', '_');
        if (point.unit().equals("s")) {
            name += "_seconds";
        }
        return point.type().equals("SUM") && point.monotonic() ? name + "_total" : name;
    }

    private static Map<String, String> prometheus(Map<String, String> attributes) {
        Map<String, String> labels = new LinkedHashMap<>();
        attributes.forEach((key, value) -> labels.put(key.replace('.', '_'), value));
        return labels;
    }

    /** {bound → cumulative count}, with +Inf, as a pushed histogram says it. */
    private static Map<Double, Long> cumulative(MetricPoint point) {
        Map<Double, Long> result = new LinkedHashMap<>();
        long running = 0;
        for (int i = 0; i < point.bucketCounts().size(); i++) {
            running += point.bucketCounts().get(i);
            result.put(i < point.bounds().size() ? point.bounds().get(i) : Double.POSITIVE_INFINITY, running);
        }
        return result;
    }

    /** {le → count} of one series on /metrics. */
    private static Map<Double, Long> buckets(Scrape scrape, String family, Map<String, String> labels) {
        Map<Double, Long> result = new LinkedHashMap<>();
        for (Scrape.Sample sample : scrape.samples(family + "_bucket", labels)) {
            String le = sample.label("le");
            result.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), (long) sample.value());
        }
        return result;
    }

    private static MetricPoint only(List<MetricPoint> export, String name, Map<String, String> attributes) {
        List<MetricPoint> matching = export.stream().filter(p -> p.name().equals(name) && p.has(attributes))
                .collect(Collectors.toList());
        assertThat(matching).as("%s %s in %s", name, attributes, export).hasSize(1);
        return matching.get(0);
    }

    private static long total(List<MetricPoint> points) {
        return points.stream().mapToLong(MetricPoint::count).sum();
    }

    private static boolean metricsServed(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
