package dev.vigil.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.agent.core.metrics.LatencyBuckets;
import dev.vigil.agent.core.metrics.MetricNames;
import dev.vigil.agent.events.BusinessEvents;
import dev.vigil.agent.httpclient.HttpClientRecorder;
import dev.vigil.agent.jdbc.DbInsight;
import dev.vigil.agent.jdbc.RecentEvents;
import dev.vigil.agent.jdbc.RequestQueries;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OverviewDataTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RecentEvents events = new RecentEvents();
    private final OverviewData overview = new OverviewData(registry, Map.of("events", events::newestFirst), nanos::get);

    @Test
    void percentilesFromTheBucketsAreWithinTenPercentOfTheExactOnes() {
        // A skewed, realistic shape: log-normal around 40 ms, split over two status codes of one route.
        Random random = new Random(42);
        double[] millis = new double[20_000];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = Math.exp(Math.log(40) + 0.8 * random.nextGaussian());
            timer("GET", "/items/{id}", i % 10 == 0 ? "404" : "200").record(Duration.ofNanos((long) (millis[i] * 1e6)));
        }
        Arrays.sort(millis);

        Map<String, Object> row = route(overview.snapshot(), "/items/{id}");

        assertThat(row.get("count")).isEqualTo(20_000L);
        for (String[] p : new String[][] {{"p50_ms", "0.50"}, {"p95_ms", "0.95"}, {"p99_ms", "0.99"}}) {
            double exact = millis[(int) Math.ceil(Double.parseDouble(p[1]) * millis.length) - 1];
            assertThat((Double) row.get(p[0])).as(p[0] + " vs exact " + exact).isCloseTo(exact, within(exact * 0.10));
        }
    }

    @Test
    void businessEventsShowTheirOutcomesSuccessShareAndRatePerMinute() {
        BusinessEvents business = new BusinessEvents(registry);
        business.declare("signup.completed");
        for (int i = 0; i < 20; i++) {
            business.record("checkout.completed", null, i % 10 != 0);
        }
        overview.snapshot(); // the first read only samples the counts
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(30));
        for (int i = 0; i < 10; i++) {
            business.record("checkout.completed", null, true);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) overview.snapshot().get("business_events");

        assertThat(rows).extracting(r -> r.get("event")).containsExactly("checkout.completed", "signup.completed");
        Map<String, Object> checkout = rows.get(0);
        assertThat(checkout.get("success")).isEqualTo(28L);
        assertThat(checkout.get("error")).isEqualTo(2L);
        assertThat((Double) checkout.get("success_percent")).isCloseTo(93.33, within(0.01));
        assertThat((Double) checkout.get("per_minute")).isCloseTo(20.0, within(1e-9)); // 10 events in 30 s
        assertThat(rows.get(1).get("success_percent")).isNull();
    }

    @Test
    void errorPercentIsTheExactShareOfServerErrors() {
        record("POST", "/checkout", "200", 37);
        record("POST", "/checkout", "404", 10); // a client error is no server error
        record("POST", "/checkout", "500", 2);
        record("POST", "/checkout", "503", 1);
        record("GET", "/checkout", "200", 5);

        Map<String, Object> snapshot = overview.snapshot();

        Map<String, Object> post = route(snapshot, "/checkout", "POST");
        assertThat(post.get("count")).isEqualTo(50L);
        assertThat(post.get("error_percent")).isEqualTo(6.0);
        assertThat(route(snapshot, "/checkout", "GET").get("error_percent")).isEqualTo(0.0);
    }

    @Test
    void requestsPerSecondIsTheIncreaseSinceTheOldestReadOfTheLastMinute() {
        record("GET", "/items", "200", 100);
        assertThat(route(overview.snapshot(), "/items").get("requests_per_second")).as("nothing to compare yet").isNull();

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
        record("GET", "/items", "200", 50);
        assertThat((Double) route(overview.snapshot(), "/items").get("requests_per_second")).isCloseTo(5.0, within(1e-9));

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(55)); // the first read is now more than a minute old
        record("GET", "/items", "200", 110);
        assertThat((Double) route(overview.snapshot(), "/items").get("requests_per_second")).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void keepsOnlyTheLastFiftyEventsNewestFirst() {
        for (int i = 0; i < 60; i++) {
            events.add(Map.of("event", "slow_query", "n", i));
        }

        List<Map<String, Object>> kept = events.newestFirst();

        assertThat(kept).hasSize(50);
        assertThat(kept.get(0).get("n")).isEqualTo(59);
        assertThat(kept.get(49).get("n")).isEqualTo(10);
    }

    @Test
    void anNPlusOneReachesThePageWithItsRouteAndTrace() {
        RequestQueries request = new RequestQueries();
        DbInsight insight = new DbInsight(registry, 10, 500, 100, () -> request);
        insight.reportEventsTo(events);
        for (int i = 0; i < 12; i++) {
            insight.onQuery("SELECT name FROM items WHERE id = ?", "h2", "SELECT", "items", 1_000);
        }
        insight.onRequestEnd(request, "/orders/recent", () -> "0af7651916cd43dd8448eb211c80319c");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) overview.snapshot().get("events");

        assertThat(shown).hasSize(1);
        assertThat(shown.get(0)).containsEntry("event", "n_plus_one").containsEntry("http_route", "/orders/recent")
                .containsEntry("count", 12).containsEntry("trace_id", "0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void quantileInterpolatesInsideTheBucketLikeHistogramQuantile() {
        double[] bounds = {0.1, 0.2, 0.4};
        double[] cumulative = {0, 10, 10};
        assertThat(OverviewData.quantile(0.5, bounds, cumulative, 10)).isCloseTo(0.15, within(1e-12));
        assertThat(OverviewData.quantile(0.99, bounds, cumulative, 20)).as("rank in +Inf").isEqualTo(0.4);
        assertThat(OverviewData.quantile(0.5, bounds, cumulative, 0)).isNull();
    }

    @Test
    void dependenciesShowCallsErrorShareAndP95PerPeer() {
        HttpClientRecorder calls = new HttpClientRecorder(registry, 10, 1000, null, () -> null);
        for (int i = 0; i < 18; i++) {
            calls.end(calls.start("POST", "http", "payments.internal", 8080), 200, null);
        }
        calls.end(calls.start("POST", "http", "payments.internal", 8080), 503, null);
        calls.end(calls.start("POST", "http", "payments.internal", 8080), 0, new java.net.ConnectException("refused"));
        calls.end(calls.start("GET", "https", "api.example.com", -1), 200, null);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) overview.snapshot().get("dependencies");

        assertThat(rows).extracting(row -> row.get("server_address") + ":" + row.get("server_port"))
                .containsExactly("payments.internal:8080", "api.example.com:443");
        assertThat(rows.get(0).get("count")).isEqualTo(20L);
        assertThat((Double) rows.get(0).get("error_percent")).isCloseTo(10.0, within(1e-9));
        assertThat(rows.get(0).get("p95_ms")).isNotNull();
    }

    @Test
    void routesShowTheirMeanDatabaseAndClientTimePerRequest() {
        record("POST", "/checkout", "200", 4);
        Timer.builder(MetricNames.CLIENT_TIME_PER_REQUEST).tag(MetricNames.HTTP_ROUTE, "/checkout").register(registry)
                .record(Duration.ofMillis(800));
        Timer.builder(MetricNames.DB_TIME_PER_REQUEST).tag(MetricNames.HTTP_ROUTE, "/checkout").register(registry)
                .record(Duration.ofMillis(40));

        Map<String, Object> row = route(overview.snapshot(), "/checkout", "POST");

        assertThat((Double) row.get("client_ms_per_request")).isCloseTo(200.0, within(1e-9));
        assertThat((Double) row.get("db_ms_per_request")).isCloseTo(10.0, within(1e-9));
        assertThat(route(overview.snapshot(), "/checkout", "POST")).containsKey("client_ms_per_request");
    }

    private void record(String method, String route, String status, int times) {
        for (int i = 0; i < times; i++) {
            timer(method, route, status).record(Duration.ofMillis(5));
        }
    }

    private Timer timer(String method, String route, String status) {
        return Timer.builder(MetricNames.HTTP_SERVER_DURATION)
                .tag(MetricNames.HTTP_REQUEST_METHOD, method)
                .tag(MetricNames.HTTP_ROUTE, route)
                .tag(MetricNames.HTTP_RESPONSE_STATUS_CODE, status)
                .tag(MetricNames.ERROR_TYPE, status.startsWith("5") ? status : "")
                .serviceLevelObjectives(LatencyBuckets.asArray(LatencyBuckets.HTTP))
                .register(registry);
    }

    private static Map<String, Object> route(Map<String, Object> snapshot, String route) {
        return route(snapshot, route, "GET");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> route(Map<String, Object> snapshot, String route, String method) {
        return ((List<Map<String, Object>>) snapshot.get("routes")).stream()
                .filter(row -> route.equals(row.get("route")) && method.equals(row.get("method")))
                .findFirst().orElseThrow(() -> new AssertionError(method + " " + route + " not in " + snapshot));
    }
}
