package dev.vigil.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Panel queries run by promtool on known series, with the dashboard variables set to All: what a user
 * sees on a healthy service, on a busy one and for events without failures. The structure test checks
 * the form of the queries; this one checks their answers.
 */
class DashboardQueriesOnDataTest {

    private static final Path DASHBOARDS = Path.of("dashboards");
    private static final String REQUESTS = "http_server_request_duration_seconds_count";
    private static final String BUCKETS = "http_server_request_duration_seconds_bucket";
    private static final String EVENTS = "vigil_business_events_total";

    @TempDir
    Path dir;

    @Test
    void aHealthyServiceShowsZeroErrorsNotNoData() throws Exception {
        List<String> series = List.of(
                requests("GET", "/owners/{ownerId}", "200", 60),
                requests("POST", "/checkout", "200", 6));

        assertAnswers(series,
                check(query("vigil-service.json", "Errors (5xx)"), "{}", 0),
                check(query("vigil-service.json", "Errors (5xx) by route"),
                        "{http_request_method=\"GET\",http_route=\"/owners/{ownerId}\"}", 0,
                        "{http_request_method=\"POST\",http_route=\"/checkout\"}", 0));
    }

    @Test
    void theTopRoutesTableShowsTheSameTwentyRoutesInEveryColumn() throws Exception {
        List<String> series = new ArrayList<>();
        for (int route = 1; route <= 25; route++) {
            series.add(requests("GET", "/r" + route, "200", route));
            series.add(requests("GET", "/r" + route, "500", 1));
            for (String le : List.of("0.1", "+Inf")) {
                series.add(series(BUCKETS + "{job=\"shop\",instance=\"a:9464\",service_name=\"shop\",http_request_method=\"GET\","
                        + "http_route=\"/r" + route + "\",http_response_status_code=\"200\",error_type=\"\",le=\"" + le + "\"}", route));
            }
        }
        JsonNode table = panel("vigil-service.json", "Top routes over the selected time range");
        List<String> checks = new ArrayList<>();
        for (JsonNode target : table.path("targets")) {
            checks.add(check("count(" + withAllSelected(target.path("expr").asText()) + ")", "{}", 20));
        }

        assertAnswers(series, checks.toArray(String[]::new));
    }

    @Test
    void successRatioByEventShowsOnlyEventsThatCanFail() throws Exception {
        List<String> series = List.of(
                // Declared by route and status: counted with outcome success only, never a failure.
                events("checkout.failed", "success", 3),
                events("order.placed", "success", 9),
                events("order.placed", "error", 1));

        assertAnswers(series, check(query("vigil-business.json", "Success ratio by event"), "{event=\"order.placed\"}", 0.9));
    }

    @Test
    void theDeployAnnotationMarksTheMinutesAfterANewVersionAppears() throws Exception {
        String info = "vigil_agent_info{job=\"shop\",instance=\"%s\",service_name=\"shop\",service_version=\"%s\",version=\"0.1.0\"}";
        List<String> series = List.of(
                // Version 1.0 until minute 30, when a new instance with 1.1 (first scraped at minute 30) replaces it.
                "      - series: '" + info.formatted("a:9464", "1.0") + "'\n        values: '1x30'\n",
                "      - series: '" + info.formatted("b:9464", "1.1") + "'\n        values: '_x30 1x30'\n");
        JsonNode deploys = null;
        for (JsonNode annotation : new ObjectMapper().readTree(DASHBOARDS.resolve("vigil-service.json").toFile())
                .path("annotations").path("list")) {
            if (annotation.path("name").asText().equals("Deploys")) {
                deploys = annotation;
            }
        }
        assertThat(deploys).as("vigil-service.json's Deploys annotation").isNotNull();
        String expr = withAllSelected(deploys.path("expr").asText());

        assertAnswers(series,
                checkAt("20m", expr),
                checkAt("31m", expr, "{service_name=\"shop\",service_version=\"1.1\"}", 1),
                checkAt("40m", expr));
    }

    @Test
    void theModulePanelsSumEveryInstanceByModuleAndTable() throws Exception {
        String labels = "job=\"shop\",instance=\"%s\",service_name=\"shop\",";
        List<String> series = new ArrayList<>();
        for (String instance : List.of("a:9464", "b:9464")) {
            String common = String.format(labels, instance);
            series.add(series("vigil_db_module_operations_total{" + common
                    + "module=\"orders\",db_collection_name=\"shop_order\",db_operation_name=\"SELECT\"}", 120));
            series.add(series("vigil_db_module_operations_total{" + common
                    + "module=\"orders\",db_collection_name=\"shop_customer\",db_operation_name=\"SELECT\"}", 60));
            series.add(series("vigil_db_module_operations_total{" + common
                    + "module=\"customers\",db_collection_name=\"shop_customer\",db_operation_name=\"INSERT\"}", 6));
            series.add(series("vigil_db_ownership_violations_total{" + common
                    + "module=\"orders\",db_collection_name=\"shop_customer\",owner_module=\"customers\"}", 60));
            series.add(series("vigil_db_module_time_seconds_total{" + common + "module=\"orders\",http_route=\"/checkout\"}", 6));
            series.add(series("vigil_db_module_time_seconds_total{" + common + "module=\"orders\",http_route=\"/orders/recent\"}", 6));
        }

        assertAnswers(series,
                check("count(" + query("vigil-database.json", "Statements by module and table over the selected time range") + ")",
                        "{}", 3),
                check("count(" + query("vigil-database.json", "Ownership violations over the selected time range") + ")", "{}", 1),
                check(query("vigil-database.json", "Ownership violations by module and table"),
                        "{db_collection_name=\"shop_customer\",module=\"orders\",owner_module=\"customers\"}", 2),
                check(query("vigil-database.json", "Database time by module"), "{module=\"orders\"}", 0.4));
    }

    // ---- promtool ----

    private void assertAnswers(List<String> series, String... checks) throws Exception {
        StringBuilder test = new StringBuilder("rule_files: []\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n");
        series.forEach(test::append);
        test.append("    promql_expr_test:\n");
        for (String check : checks) {
            test.append(check);
        }
        Path file = dir.resolve("dashboard-queries.test.yaml");
        Files.writeString(file, test.toString(), StandardCharsets.UTF_8);
        Promtool.run("test", "rules", file.toString());
    }

    /** A counter rising {@code perMinute}, sampled every minute for an hour. */
    private static String requests(String method, String route, String status, int perMinute) {
        return series(REQUESTS + "{job=\"shop\",instance=\"a:9464\",service_name=\"shop\",http_request_method=\"" + method
                + "\",http_route=\"" + route + "\",http_response_status_code=\"" + status + "\",error_type=\"\"}", perMinute);
    }

    private static String events(String event, String outcome, int perMinute) {
        return series(EVENTS + "{job=\"shop\",instance=\"a:9464\",service_name=\"shop\",event=\"" + event + "\",outcome=\""
                + outcome + "\"}", perMinute);
    }

    private static String series(String selector, int perMinute) {
        return "      - series: '" + selector + "'\n        values: '0+" + perMinute + "x60'\n";
    }

    /** Expected samples at the end of the hour: pairs of label set (without the metric name) and value. */
    private static String check(String expr, Object... samples) {
        return checkAt("60m", expr, samples);
    }

    private static String checkAt(String evalTime, String expr, Object... samples) {
        StringBuilder check = new StringBuilder("      - expr: '" + expr.replace("'", "''") + "'\n        eval_time: " + evalTime
                + "\n        exp_samples:" + (samples.length == 0 ? " []" : "") + "\n");
        for (int i = 0; i < samples.length; i += 2) {
            check.append("          - labels: '").append(samples[i]).append("'\n            value: ").append(samples[i + 1]).append('\n');
        }
        return check.toString();
    }

    // ---- dashboards ----

    private static String query(String file, String title) throws IOException {
        return withAllSelected(panel(file, title).path("targets").get(0).path("expr").asText());
    }

    /** The query as Grafana sends it with every variable on All (allValue .*) over the last hour. */
    private static String withAllSelected(String expr) {
        String text = expr;
        for (Map.Entry<String, String> variable : Map.of("$__rate_interval", "5m", "$__range", "1h").entrySet()) {
            text = text.replace(variable.getKey(), variable.getValue());
        }
        return text.replaceAll("\\$[a-z]+", ".*");
    }

    private static JsonNode panel(String file, String title) throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARDS.resolve(file).toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("title").asText().equals(title)) {
                return panel;
            }
            for (JsonNode inner : panel.path("panels")) {
                if (inner.path("title").asText().equals(title)) {
                    return inner;
                }
            }
        }
        throw new AssertionError(file + " has no panel \"" + title + "\"");
    }
}
