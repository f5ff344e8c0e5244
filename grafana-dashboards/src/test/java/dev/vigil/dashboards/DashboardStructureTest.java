package dev.vigil.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks what a dashboard needs to work on any Grafana with any number of Vigil instances behind one
 * Prometheus: file provisioning (no import-only sections), a datasource chosen by the user, every query
 * narrowed by the job/instance/service variables, percentiles computed from buckets summed across
 * instances, and only metric names the agent really exposes.
 */
class DashboardStructureTest {

    /** The dashboards and their uids: links, alert rules and bookmarks rely on these never changing. */
    private static final Map<String, String> UIDS = Map.of(
            "vigil-service.json", "vigil-service",
            "vigil-database.json", "vigil-database",
            "vigil-dependencies.json", "vigil-dependencies",
            "vigil-jvm.json", "vigil-jvm",
            "vigil-business.json", "vigil-business",
            "vigil-slos.json", "vigil-slos");

    /** Histograms from the README's metrics table (Prometheus adds _bucket, _count and _sum; Micrometer adds _max). */
    private static final Set<String> HISTOGRAMS = Set.of(
            "http_server_request_duration_seconds",
            "db_client_operation_duration_seconds",
            "vigil_db_client_batch_size",
            "vigil_http_server_db_queries_per_request",
            "vigil_http_server_db_duration_seconds",
            "http_client_request_duration_seconds",
            "vigil_http_server_client_duration_seconds",
            "db_client_connection_wait_time_seconds",
            "vigil_business_event_duration_seconds",
            // Micrometer's GC pause timer: a summary without buckets, so only _count, _sum and _max exist.
            "jvm_gc_pause_seconds");

    /** Counters and gauges from the README's metrics table, and the Micrometer JVM/process binders' names the dashboards use. */
    private static final Set<String> SINGLE_SERIES = Set.of(
            "vigil_db_n_plus_one_total",
            "vigil_business_events_total",
            "vigil_business_event_attributes_total",
            "vigil_db_slow_queries_total",
            "vigil_db_module_operations_total",
            "vigil_db_ownership_violations_total",
            "vigil_db_module_time_seconds_total",
            "db_client_connection_count",
            "db_client_connection_max",
            "db_client_connection_idle_min",
            "db_client_connection_pending_requests",
            "vigil_cardinality_overflow_total",
            "vigil_traces_spans_dropped_total",
            "vigil_agent_errors_total",
            "vigil_agent_info",
            "jvm_memory_used_bytes",
            "jvm_memory_committed_bytes",
            "jvm_memory_max_bytes",
            "jvm_threads_live_threads",
            "jvm_threads_daemon_threads",
            "jvm_threads_states_threads",
            "jvm_classes_loaded_classes",
            "process_cpu_usage",
            "system_cpu_usage",
            "process_uptime_seconds");

    /**
     * What the SLOs dashboard reads: the recording rules `java -jar vigil-agent.jar alerts` writes for each
     * SLO (AlertsCompiler's OBJECTIVE_RECORD, BUDGET_REMAINING_RECORD and BURN_RECORD) and Prometheus' own
     * ALERTS series.
     */
    private static final Set<String> SLO_SERIES = Set.of(
            "vigil:slo_objective:ratio",
            "vigil:slo_error_budget_remaining:ratio",
            "vigil:slo_burn:ratio",
            "ALERTS");

    private static final Set<String> KNOWN_METRICS = knownMetrics();

    /** PromQL functions and keywords the dashboards may use; anything else in an expression must be a known metric. */
    private static final Set<String> PROMQL_WORDS = Set.of(
            "sum", "max", "min", "count", "topk", "sort_desc", "rate", "increase", "histogram_quantile", "vector",
            "by", "without", "and", "or", "unless", "bool", "on", "ignoring");

    private static final String DATASOURCE = "${datasource}";
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern WORD = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern VARIABLE_QUERY = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Pattern QUANTILE = Pattern.compile("histogram_quantile\\(");
    private static final Pattern QUANTILE_OVER_SUMMED_BUCKETS =
            Pattern.compile("histogram_quantile\\(\\s*[0-9.]+\\s*,\\s*sum by \\(le[,)]");
    private static final Pattern AVERAGED_QUANTILE = Pattern.compile("avg(_over_time)?\\s*(by\\s*\\([^)]*\\))?\\s*\\(\\s*histogram_quantile");

    private static final Path DASHBOARDS = Path.of("dashboards");
    private static final Path PROVISIONING = Path.of("provisioning");
    private static final Map<String, JsonNode> BY_FILE = new LinkedHashMap<>();

    @BeforeAll
    static void readEveryDashboard() throws IOException {
        assertThat(DASHBOARDS).as("run from grafana-dashboards/ (Maven does)").isDirectory();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                try {
                    BY_FILE.put(file.getFileName().toString(), json.readTree(file.toFile()));
                } catch (IOException e) {
                    fail("%s is not valid JSON: %s", file, e.getMessage());
                }
            }
        }
    }

    @Test
    void everyDashboardIsValidJsonWithAModernSchema() {
        assertThat(BY_FILE.keySet()).containsExactlyInAnyOrderElementsOf(UIDS.keySet());
        BY_FILE.forEach((file, dashboard) -> {
            assertThat(dashboard.path("title").asText()).as("%s title", file).startsWith("Vigil / ");
            assertThat(dashboard.path("schemaVersion").asInt()).as("%s schemaVersion", file).isGreaterThanOrEqualTo(39);
            assertThat(dashboard.path("tags")).as("%s tags", file).extracting(JsonNode::asText).contains("vigil");
        });
    }

    @Test
    void uidsAreStableAndUniqueAcrossDashboards() {
        Set<String> seen = new HashSet<>();
        BY_FILE.forEach((file, dashboard) -> {
            String uid = dashboard.path("uid").asText();
            assertThat(uid).as("%s uid", file).isEqualTo(UIDS.get(file));
            assertThat(seen.add(uid)).as("uid %s used twice", uid).isTrue();
        });
    }

    @Test
    void noDashboardCarriesImportOnlySectionsThatBreakFileProvisioning() throws IOException {
        for (String file : BY_FILE.keySet()) {
            JsonNode dashboard = BY_FILE.get(file);
            assertThat(dashboard.has("__inputs")).as("%s has __inputs", file).isFalse();
            assertThat(dashboard.has("__requires")).as("%s has __requires", file).isFalse();
            assertThat(dashboard.has("id") && !dashboard.get("id").isNull()).as("%s has a database id", file).isFalse();
            // ${DS_PROMETHEUS} placeholders only resolve through the import dialog's __inputs.
            assertThat(Files.readString(DASHBOARDS.resolve(file))).as(file).doesNotContain("${DS_");
        }
    }

    @Test
    void everyDashboardLetsTheUserChooseThePrometheusDatasource() {
        BY_FILE.forEach((file, dashboard) -> {
            JsonNode variable = variable(dashboard, "datasource");
            assertThat(variable).as("%s has no datasource variable", file).isNotNull();
            assertThat(variable.path("type").asText()).as(file).isEqualTo("datasource");
            assertThat(variable.path("query").asText()).as(file).isEqualTo("prometheus");
        });
    }

    @Test
    void everyDashboardFiltersByJobInstanceAndServiceWithMultiSelectAndAll() {
        Map<String, String> labels = Map.of("job", "job", "instance", "instance", "service", "service_name");
        BY_FILE.forEach((file, dashboard) -> labels.forEach((name, label) -> {
            JsonNode variable = variable(dashboard, name);
            assertThat(variable).as("%s has no %s variable", file, name).isNotNull();
            assertThat(variable.path("type").asText()).as("%s %s", file, name).isEqualTo("query");
            assertThat(variable.path("multi").asBoolean()).as("%s %s multi", file, name).isTrue();
            assertThat(variable.path("includeAll").asBoolean()).as("%s %s includeAll", file, name).isTrue();
            assertThat(variableQuery(variable)).as("%s %s", file, name).startsWith("label_values(").endsWith(", " + label + ")");
        }));
    }

    @Test
    void everyPanelAndQueryUsesTheDatasourceVariable() {
        BY_FILE.forEach((file, dashboard) -> {
            for (JsonNode panel : panels(dashboard)) {
                if (panel.path("type").asText().equals("row")) {
                    continue; // a row holds panels, it queries nothing
                }
                String where = file + " panel " + panel.path("id") + " \"" + panel.path("title").asText() + "\"";
                assertThat(panel.path("datasource").path("uid").asText()).as(where).isEqualTo(DATASOURCE);
                assertThat(panel.path("datasource").path("type").asText()).as(where).isEqualTo("prometheus");
                assertThat(panel.path("targets")).as(where + " has no queries").isNotEmpty();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("datasource").path("uid").asText()).as(where + " target " + target.path("refId")).isEqualTo(DATASOURCE);
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("type").asText().equals("query")) {
                    assertThat(variable.path("datasource").path("uid").asText()).as(file + " variable " + variable.path("name")).isEqualTo(DATASOURCE);
                }
            }
        });
    }

    @Test
    void panelIdsAreUniqueWithinADashboard() {
        BY_FILE.forEach((file, dashboard) -> {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : panels(dashboard)) {
                assertThat(panel.has("id")).as("%s panel \"%s\" has no id", file, panel.path("title").asText()).isTrue();
                assertThat(ids.add(panel.get("id").asInt())).as("%s panel id %s used twice", file, panel.get("id")).isTrue();
            }
        });
    }

    @Test
    void everyMetricSelectorFiltersByJobInstanceAndService() {
        forEachExpression((where, expr) -> {
            Matcher selector = SELECTOR.matcher(expr);
            int selectors = 0;
            while (selector.find()) {
                selectors++;
                assertThat(selector.group(2)).as("%s: selector %s", where, selector.group())
                        .contains("job=~\"$job\"", "instance=~\"$instance\"", "service_name=~\"$service\"");
            }
            assertThat(selectors).as("%s queries no metric: %s", where, expr).isPositive();
            // A metric written without {...} would escape the filters; the word check below names it.
            assertThat(unknownWords(expr)).as("%s: unfiltered metric or unknown function in %s", where, expr).isEmpty();
        });
    }

    @Test
    void everyPercentileSumsBucketsByLeAcrossInstancesFirst() {
        forEachExpression((where, expr) -> {
            int quantiles = count(QUANTILE, expr);
            assertThat(count(QUANTILE_OVER_SUMMED_BUCKETS, expr))
                    .as("%s: histogram_quantile must take sum by (le, ...) (rate(..._bucket[...])): %s", where, expr)
                    .isEqualTo(quantiles);
            assertThat(AVERAGED_QUANTILE.matcher(expr).find()).as("%s averages percentiles: %s", where, expr).isFalse();
        });
    }

    @Test
    void everyMetricNameIsOneTheAgentExposes() {
        forEachExpression((where, expr) -> {
            Matcher selector = SELECTOR.matcher(expr);
            while (selector.find()) {
                assertThat(KNOWN_METRICS).as("%s uses unknown metric %s", where, selector.group(1)).contains(selector.group(1));
            }
        });
        BY_FILE.forEach((file, dashboard) -> {
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("type").asText().equals("query")) {
                    Matcher metric = VARIABLE_QUERY.matcher(variableQuery(variable));
                    assertThat(metric.find()).as("%s variable %s", file, variable.path("name")).isTrue();
                    assertThat(KNOWN_METRICS).as("%s variable %s", file, variable.path("name")).contains(metric.group(1));
                }
            }
        });
    }

    @Test
    void latencyPanelsShowExemplarsThatLeadToTraces() {
        BY_FILE.forEach((file, dashboard) -> {
            for (JsonNode panel : panels(dashboard)) {
                if (!panel.path("type").asText().equals("timeseries")) {
                    continue;
                }
                for (JsonNode target : panel.path("targets")) {
                    if (target.path("expr").asText().contains("http_server_request_duration_seconds_bucket")) {
                        assertThat(target.path("exemplar").asBoolean()).as("%s \"%s\"", file, panel.path("title").asText()).isTrue();
                    }
                }
            }
        });
    }

    @Test
    void dashboardsLinkToEachOtherKeepingVariablesAndTime() {
        BY_FILE.forEach((file, dashboard) -> {
            List<JsonNode> links = new ArrayList<>();
            dashboard.path("links").forEach(links::add);
            assertThat(links).as("%s links", file).anySatisfy(link -> {
                assertThat(link.path("type").asText()).isEqualTo("dashboards");
                assertThat(link.path("tags")).extracting(JsonNode::asText).containsExactly("vigil");
                assertThat(link.path("includeVars").asBoolean()).isTrue();
                assertThat(link.path("keepTime").asBoolean()).isTrue();
            });
        });
    }

    @Test
    void theServiceDashboardNarrowsEveryQueryToTheChosenRoutes() {
        JsonNode service = BY_FILE.get("vigil-service.json");
        JsonNode route = variable(service, "route");
        assertThat(route).as("vigil-service.json has a route variable").isNotNull();
        assertThat(route.path("multi").asBoolean() && route.path("includeAll").asBoolean()).as("route: multi with All").isTrue();
        assertThat(variableQuery(route)).endsWith(", http_route)");
        for (JsonNode panel : panels(service)) {
            for (JsonNode target : panel.path("targets")) {
                Matcher selector = SELECTOR.matcher(target.path("expr").asText());
                while (selector.find()) {
                    assertThat(selector.group(2)).as("vigil-service.json \"%s\": %s", panel.path("title").asText(), selector.group())
                            .contains("http_route=~\"$route\"");
                }
            }
        }
    }

    @Test
    void everyDashboardMarksDeploysWhereTheServiceVersionChanges() {
        BY_FILE.forEach((file, dashboard) -> {
            List<JsonNode> deploys = new ArrayList<>();
            dashboard.path("annotations").path("list").forEach(a -> {
                if (a.path("expr").asText().contains("vigil_agent_info{")) {
                    deploys.add(a);
                }
            });
            assertThat(deploys).as("%s: a deploy annotation on vigil_agent_info", file).hasSize(1);
            JsonNode deploy = deploys.get(0);
            String expr = deploy.path("expr").asText();
            assertThat(deploy.path("enable").asBoolean()).as("%s: deploys shown by default", file).isTrue();
            assertThat(deploy.path("datasource").path("uid").asText()).as(file).isEqualTo(DATASOURCE);
            // A version present now and absent a moment ago: the moment a deploy reached the service.
            assertThat(expr).as(file).contains("count by (service_name, service_version)").contains(" unless ").contains(" offset ");
            Matcher selector = SELECTOR.matcher(expr);
            while (selector.find()) {
                assertThat(selector.group(2)).as("%s deploy annotation", file)
                        .contains("job=~\"$job\"", "instance=~\"$instance\"", "service_name=~\"$service\"");
            }
            assertThat(deploy.path("titleFormat").asText()).as(file).contains("{{service_version}}");
        });
    }

    @Test
    void theSlosDashboardShowsBudgetBurnRateAndAlertStateOfEachSlo() {
        JsonNode slos = BY_FILE.get("vigil-slos.json");
        assertThat(variable(slos, "slo")).as("vigil-slos.json has an slo variable").isNotNull();
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : panels(slos)) {
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
        }
        for (String series : SLO_SERIES) {
            assertThat(exprs).as("vigil-slos.json reads %s", series).anyMatch(e -> e.contains(series + "{"));
        }
        assertThat(exprs).as("every query of vigil-slos.json is narrowed to the chosen SLOs")
                .allMatch(e -> e.contains("slo=~\"$slo\""));
        assertThat(exprs).anyMatch(e -> e.contains("ALERTS{alertname=~\".+ErrorBudgetBurn\""));
    }

    @Test
    void provisioningLoadsTheDashboardsIntoTheVigilFolderAndPointsAtPrometheus() throws IOException {
        String dashboards = Files.readString(PROVISIONING.resolve("dashboards/vigil.yaml"));
        assertThat(dashboards).contains("type: file", "folder: Vigil", "path: /var/lib/grafana/dashboards/vigil");
        String datasources = Files.readString(PROVISIONING.resolve("datasources/prometheus.yaml"));
        assertThat(datasources).contains("type: prometheus", "url: http://prometheus:9090", "exemplarTraceIdDestinations", "name: trace_id");
    }

    // ---- reading dashboards ----

    private static Set<String> knownMetrics() {
        Set<String> names = new HashSet<>(SINGLE_SERIES);
        names.addAll(SLO_SERIES);
        for (String histogram : HISTOGRAMS) {
            for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
                names.add(histogram + suffix);
            }
        }
        return Set.copyOf(names);
    }

    /** Every panel, including those inside collapsed rows (which Grafana nests under the row). */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        return null;
    }

    /** Grafana stores a Prometheus variable's query as a string (old) or as {"query": ...} (the query editor since 10). */
    private static String variableQuery(JsonNode variable) {
        JsonNode query = variable.path("query");
        return query.isObject() ? query.path("query").asText() : query.asText();
    }

    private interface ExpressionCheck {
        void check(String where, String expr);
    }

    private static void forEachExpression(ExpressionCheck check) {
        Map<String, Integer> checked = new HashMap<>();
        BY_FILE.forEach((file, dashboard) -> {
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    String where = file + " \"" + panel.path("title").asText() + "\" " + target.path("refId").asText();
                    check.check(where, target.path("expr").asText());
                    checked.merge(file, 1, Integer::sum);
                }
            }
        });
        assertThat(checked.keySet()).as("dashboards with queries").containsExactlyInAnyOrderElementsOf(UIDS.keySet());
    }

    /** Words left after removing selectors, strings, ranges and grouping labels: functions and keywords only. */
    private static List<String> unknownWords(String expr) {
        String rest = SELECTOR.matcher(expr).replaceAll(" ")
                .replaceAll("\"[^\"]*\"", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
        List<String> unknown = new ArrayList<>();
        Matcher word = WORD.matcher(rest);
        while (word.find()) {
            if (!PROMQL_WORDS.contains(word.group())) {
                unknown.add(word.group());
            }
        }
        return unknown;
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
