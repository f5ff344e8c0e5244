package dev.vigil.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The example stack, {@code examples/compose.yaml} (Prometheus and Grafana) with
 * {@code examples/prometheus.yml}, proved without a container engine: Prometheus accepts its config and
 * the rules it loads, every file the compose file mounts is in the repository and lands where the
 * container expects it, and Grafana's provisioning points at the compose services.
 *
 * <p>The promtool test skips without promtool, unless {@code VIGIL_REQUIRE_SERVICES=1} (as in CI) makes
 * that a failure, like {@link AlertRulesTest}.
 */
class ExampleStackTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Path COMPOSE = EXAMPLES.resolve("compose.yaml");
    private static final Path PROMETHEUS_CONFIG = EXAMPLES.resolve("prometheus.yml");
    private static final Path DATASOURCES = Path.of("provisioning", "datasources", "prometheus.yaml");
    private static final Path DASHBOARD_PROVIDER = Path.of("provisioning", "dashboards", "vigil.yaml");
    /**
     * The one host directory compose.yaml may mount before it exists: what
     * {@code java -jar vigil-agent.jar alerts examples/shop/alerts.yaml -o examples/target/alerts} writes
     * ({@code examples/demo.sh} runs it).
     */
    private static final Path GENERATED_ALERTS = EXAMPLES.resolve("target").resolve("alerts");
    /** What the build makes and compose.yaml's shop replicas run: mounted with create_host_path: false too. */
    private static final List<Path> BUILT_JARS = List.of(
            EXAMPLES.resolve("..").normalize().resolve("agent/target/vigil-agent.jar"),
            EXAMPLES.resolve("shop/target/vigil-shop.jar"));
    /** The files the alerts command writes: Prometheus rules, their promtool tests, a Grafana copy. */
    private static final String COMPILED_RULES = "vigil-user-alerts.rules.yaml";
    private static final String COMPILED_RULE_TESTS = "vigil-user-alerts.rules.test.yaml";
    private static final String COMPILED_GRAFANA_ALERTS = "vigil-user-alerts.grafana.yaml";
    private static final String CONFIG_FILE_FLAG = "--config.file=";

    /**
     * One bind mount of a compose service, the host side resolved; {@code strict} when a missing host path
     * is an error (long syntax, {@code create_host_path: false}) rather than an empty directory made by Docker.
     */
    private record Mount(Path host, String container, boolean strict) {
    }

    @Test
    void promtoolAcceptsThePrometheusConfigAndTheRulesItLoads() throws Exception {
        String output = Promtool.run("check", "config", PROMETHEUS_CONFIG.toString());

        // promtool checks every rule file the config names, relative to the config's own directory.
        assertThat(output).as("promtool's output").contains("vigil-alerts.yaml").doesNotContain("FAILED");
    }

    /** The example of docs/SCALING.md: the same Prometheus, writing on to a central store by remote_write. */
    @Test
    void promtoolAcceptsTheRemoteWriteExample() throws Exception {
        Path config = EXAMPLES.resolve("prometheus-remote-write.yml");
        String output = Promtool.run("check", "config", config.toString());

        assertThat(output).as("promtool's output").contains("vigil-alerts.yaml").doesNotContain("FAILED");
        assertThat(Files.readString(config)).contains("remote_write:", "external_labels:");
    }

    @Test
    void composeRunsPrometheusWithExemplarsAndGrafanaOnTheirUsualPorts() throws IOException {
        Map<String, Object> services = services();

        assertThat(services).as("%s: services", COMPOSE).containsKeys("prometheus", "grafana", "shop");
        assertThat(map(map(services.get("shop")).get("deploy")).get("replicas")).as("%s: shop replicas", COMPOSE).isEqualTo(2);
        assertThat(strings(services.get("prometheus"), "command")).as("%s: prometheus command", COMPOSE)
                .contains("--enable-feature=exemplar-storage");
        assertThat(publishedPorts("prometheus")).as("%s: prometheus ports (host -> container)", COMPOSE)
                .containsEntry(9090, 9090);
        assertThat(publishedPorts("grafana")).as("%s: grafana ports (host -> container)", COMPOSE)
                .containsEntry(3000, 3000);
    }

    @Test
    void everyHostPathComposeMountsIsInTheRepository() throws IOException {
        for (String service : services().keySet()) {
            for (Mount mount : mounts(service)) {
                if (mount.host().startsWith(GENERATED_ALERTS) || BUILT_JARS.contains(mount.host())) {
                    // Compiled from examples/shop/alerts.yaml: until then `compose up` must say so, not mount
                    // an empty directory that Docker makes (owned by root, in the compiler's way).
                    assertThat(mount.strict()).as("%s: service %s mounts the generated %s with create_host_path: false",
                            COMPOSE, service, mount.host()).isTrue();
                    continue;
                }
                assertThat(mount.host()).as("%s: service %s mounts %s, which must exist", COMPOSE, service, mount.host())
                        .exists();
            }
        }
    }

    @Test
    void prometheusScrapesTheAgentOnTheHost() throws IOException {
        List<String> targets = new ArrayList<>();
        for (Object job : list(load(PROMETHEUS_CONFIG).get("scrape_configs"))) {
            for (Object staticConfig : list(map(job).get("static_configs"))) {
                targets.addAll(strings(staticConfig, "targets"));
            }
        }

        assertThat(targets).as("%s: scrape targets (the agent's default port)", PROMETHEUS_CONFIG)
                .contains("host.docker.internal:9464");
        assertThat(strings(services().get("prometheus"), "extra_hosts"))
                .as("%s: prometheus must reach the host by that name, on Linux too", COMPOSE)
                .contains("host.docker.internal:host-gateway");
    }

    /**
     * prometheus.yml names its rule files relative to itself; in the container they must be the same files
     * as on a checkout, or promtool's check above would prove nothing about what Prometheus loads.
     */
    @Test
    void prometheusLoadsInTheContainerTheRuleFilesPromtoolChecked() throws IOException {
        List<Mount> mounts = mounts("prometheus");
        String configFile = strings(services().get("prometheus"), "command").stream()
                .filter(flag -> flag.startsWith(CONFIG_FILE_FLAG))
                .map(flag -> flag.substring(CONFIG_FILE_FLAG.length()))
                .findFirst()
                .orElseGet(() -> fail("%s: prometheus command has no %s", COMPOSE, CONFIG_FILE_FLAG));
        assertThat(hostPathOf(configFile, mounts)).as("%s: the file %s is", COMPOSE, configFile)
                .contains(PROMETHEUS_CONFIG);

        List<String> ruleFiles = strings(load(PROMETHEUS_CONFIG), "rule_files");
        assertThat(ruleFiles).as("%s: rule_files", PROMETHEUS_CONFIG).isNotEmpty();
        String configDir = configFile.substring(0, configFile.lastIndexOf('/'));
        for (String ruleFile : ruleFiles) {
            assertThat(ruleFile).as("%s: rule file %s is relative to the config", PROMETHEUS_CONFIG, ruleFile)
                    .doesNotStartWith("/");
            String inContainer = URI.create(configDir + "/" + ruleFile).normalize().getPath();
            Path onHost = PROMETHEUS_CONFIG.getParent().resolve(ruleFile).normalize();
            assertThat(hostPathOf(inContainer, mounts))
                    .as("%s: rule file %s is %s in the container, which a volume must bring from %s",
                            PROMETHEUS_CONFIG, ruleFile, inContainer, onHost)
                    .contains(onHost);
        }
        assertThat(PROMETHEUS_CONFIG.getParent().resolve(ruleFiles.get(0)).normalize())
                .as("the ready-made rules come first").isEqualTo(Path.of("rules", "vigil-alerts.yaml").toAbsolutePath());
        // Of what the alerts command writes, Prometheus must load the rules only: the promtool tests and
        // the Grafana copy are no rule files, and a file it cannot read stops Prometheus from starting.
        List<String> compiled = ruleFiles.stream()
                .filter(f -> PROMETHEUS_CONFIG.getParent().resolve(f).normalize().startsWith(GENERATED_ALERTS))
                .toList();
        assertThat(compiled).as("%s: the compiled rules", PROMETHEUS_CONFIG).hasSize(1);
        PathMatcher glob = GENERATED_ALERTS.getFileSystem()
                .getPathMatcher("glob:" + PROMETHEUS_CONFIG.getParent().resolve(compiled.get(0)).normalize());
        assertThat(glob.matches(GENERATED_ALERTS.resolve(COMPILED_RULES))).as(compiled.get(0) + " matches the rules").isTrue();
        assertThat(glob.matches(GENERATED_ALERTS.resolve(COMPILED_RULE_TESTS))).as(compiled.get(0) + " skips the tests").isFalse();
        assertThat(glob.matches(GENERATED_ALERTS.resolve(COMPILED_GRAFANA_ALERTS))).as(compiled.get(0) + " skips Grafana's").isFalse();
    }

    @Test
    void grafanaReadsTheDashboardsWhereTheProviderLooks() throws IOException {
        Map<Path, String> grafana = new LinkedHashMap<>();
        mounts("grafana").forEach(mount -> grafana.put(mount.host(), mount.container()));
        Path here = Path.of("").toAbsolutePath();

        assertThat(grafana).as("%s: grafana volumes", COMPOSE)
                .containsEntry(here.resolve("provisioning/datasources"), "/etc/grafana/provisioning/datasources")
                .containsEntry(here.resolve("provisioning/dashboards"), "/etc/grafana/provisioning/dashboards");
        String providerPath = null;
        for (Object provider : list(load(DASHBOARD_PROVIDER).get("providers"))) {
            providerPath = String.valueOf(map(map(provider).get("options")).get("path"));
        }
        assertThat(grafana.get(here.resolve("dashboards")))
                .as("%s: the dashboards' mount, where %s reads them", COMPOSE, DASHBOARD_PROVIDER)
                .isEqualTo(providerPath);
    }

    /**
     * Prometheus sends every alert to the compose file's Alertmanager, configured by examples/alertmanager.yml;
     * Grafana then provisions no alert rules of its own, or every alert would be sent twice.
     */
    @Test
    void alertsGoThroughAlertmanagerOnlyNeverTwice() throws IOException {
        assertThat(services()).as("%s: services", COMPOSE).containsKey("alertmanager");
        assertThat(publishedPorts("alertmanager")).as("%s: alertmanager ports", COMPOSE).containsEntry(9093, 9093);
        Path config = EXAMPLES.resolve("alertmanager.yml").toAbsolutePath().normalize();
        String configFlag = strings(services().get("alertmanager"), "command").stream()
                .filter(flag -> flag.startsWith(CONFIG_FILE_FLAG)).findFirst()
                .orElseGet(() -> fail("%s: alertmanager command has no %s", COMPOSE, CONFIG_FILE_FLAG));
        assertThat(hostPathOf(configFlag.substring(CONFIG_FILE_FLAG.length()), mounts("alertmanager")))
                .as("%s: alertmanager reads", COMPOSE).contains(config);

        List<String> targets = new ArrayList<>();
        for (Object alertmanagers : list(map(load(PROMETHEUS_CONFIG).get("alerting")).get("alertmanagers"))) {
            for (Object staticConfig : list(map(alertmanagers).get("static_configs"))) {
                targets.addAll(strings(staticConfig, "targets"));
            }
        }
        assertThat(targets).as("%s: alerting targets", PROMETHEUS_CONFIG).containsExactly("alertmanager:9093");
        assertThat(mounts("grafana")).as("%s: grafana provisions no alert rules while Prometheus alerts", COMPOSE)
                .noneMatch(mount -> mount.container().startsWith("/etc/grafana/provisioning/alerting"));
    }

    /**
     * amtool (Debian's prometheus-alertmanager) parses the routes, receivers and inhibition of the example
     * Alertmanager config; AlertDeliveryIT shows them at work. Skipped without amtool.
     */
    @Test
    void amtoolAcceptsTheExampleAlertmanagerConfig() throws Exception {
        Path amtool = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, "amtool");
            if (candidate != null && Files.isExecutable(candidate)) {
                amtool = candidate;
                break;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(amtool != null || "1".equals(System.getenv("VIGIL_REQUIRE_SERVICES")),
                "amtool is not on the PATH (Debian: apt-get install prometheus-alertmanager)");
        assertThat(amtool).as("amtool on the PATH (VIGIL_REQUIRE_SERVICES=1)").isNotNull();
        Process check = new ProcessBuilder(amtool.toString(), "check-config", EXAMPLES.resolve("alertmanager.yml").toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("amtool finished").isTrue();
        assertThat(check.exitValue()).as("amtool check-config:%n%s", output).isZero();
        assertThat(output).contains("SUCCESS", "1 inhibit rules", "2 receivers");
    }

    @Test
    void theDatasourceUrlNamesThePrometheusService() throws IOException {
        List<Object> datasources = list(load(DATASOURCES).get("datasources"));
        assertThat(datasources).as("%s: datasources", DATASOURCES).hasSize(1);
        URI url = URI.create(String.valueOf(map(datasources.get(0)).get("url")));
        assertThat(map(datasources.get(0)).get("uid")).as("%s: the uid the compiled Grafana alerts query by default", DATASOURCES)
                .isEqualTo("prometheus");

        assertThat(services()).as("%s: the host of %s's url %s is a service", COMPOSE, DATASOURCES, url)
                .containsKey(url.getHost());
        assertThat(url.getHost()).isEqualTo("prometheus");
        assertThat(publishedPorts(url.getHost()).values())
                .as("%s: the port of %s's url %s is the one service %s listens on", COMPOSE, DATASOURCES, url, url.getHost())
                .contains(url.getPort());
    }

    // --- reading the compose file ---

    private static Map<String, Object> services() throws IOException {
        return map(load(COMPOSE).get("services"));
    }

    /** The service's volumes: short syntax ({@code ./host:/container:ro}) or long ({@code type: bind}). */
    private static List<Mount> mounts(String service) throws IOException {
        List<Mount> mounts = new ArrayList<>();
        for (Object volume : list(map(services().get(service)).get("volumes"))) {
            String source;
            String target;
            boolean strict;
            if (volume instanceof Map<?, ?> longSyntax) {
                assertThat(longSyntax.get("type")).as("%s: service %s, volume %s", COMPOSE, service, volume).isEqualTo("bind");
                source = String.valueOf(longSyntax.get("source"));
                target = String.valueOf(longSyntax.get("target"));
                strict = Boolean.FALSE.equals(map(longSyntax.get("bind")).get("create_host_path"));
            } else {
                String[] parts = String.valueOf(volume).split(":");
                assertThat(parts.length).as("%s: service %s, volume %s (host:container[:mode])", COMPOSE, service, volume)
                        .isBetween(2, 3);
                source = parts[0];
                target = parts[1];
                strict = false;
            }
            assertThat(source).as("%s: service %s mounts a path of the repository, relative to the file", COMPOSE, service)
                    .startsWith(".");
            mounts.add(new Mount(COMPOSE.getParent().resolve(source).normalize(), target, strict));
        }
        return mounts;
    }

    /** Where a path inside the container comes from on the host, through the mount that holds it. */
    private static Optional<Path> hostPathOf(String containerPath, List<Mount> mounts) {
        for (Mount mount : mounts) {
            String target = mount.container();
            if (containerPath.equals(target)) {
                return Optional.of(mount.host());
            }
            if (containerPath.startsWith(target + "/")) {
                return Optional.of(mount.host().resolve(containerPath.substring(target.length() + 1)).normalize());
            }
        }
        return Optional.empty();
    }

    /** Host port to container port, from {@code "127.0.0.1:9090:9090"}, {@code "9090:9090"} or {@code "9090"}. */
    private static Map<Integer, Integer> publishedPorts(String service) throws IOException {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (String port : strings(services().get(service), "ports")) {
            String[] parts = port.split(":");
            int container = Integer.parseInt(parts[parts.length - 1]);
            int host = parts.length >= 2 ? Integer.parseInt(parts[parts.length - 2]) : container;
            ports.put(host, container);
        }
        return ports;
    }



    // --- YAML ---

    private static Map<String, Object> load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        }
    }

    /** A list of strings under {@code key} of a mapping; empty when absent. */
    private static List<String> strings(Object node, String key) {
        List<String> values = new ArrayList<>();
        for (Object value : list(map(node).get(key))) {
            values.add(String.valueOf(value));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
