package dev.vigil.agent.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every configuration key of the agent, declared once: name (relative to {@code vigil.}), type,
 * default and a one-line description. System property and environment names, validation and the
 * README table ({@link ConfigTable}) are all derived from here, so adding a key is adding a line.
 */
public enum Setting {
    CONFIG("config", ValueType.PATH, "",
            "YAML file to read the other settings from; only as a system property or environment variable"),
    ENABLED("enabled", ValueType.BOOLEAN, "true", "Master switch: `false` leaves the application untouched"),
    SERVICE_NAME("service.name", ValueType.STRING, "",
            "`service_name` on every series; if empty: `OTEL_SERVICE_NAME`, then `service.name` in"
                    + " `OTEL_RESOURCE_ATTRIBUTES`, then derived from the application (see Service name)"),
    METRICS_ENABLED("metrics.enabled", ValueType.BOOLEAN, "true", "Serve `/metrics` and the overview page"),
    METRICS_HOST("metrics.host", ValueType.HOST, "0.0.0.0",
            "Address the metrics endpoint listens on; a bad value turns the endpoint off", METRICS_ENABLED),
    METRICS_PORT("metrics.port", ValueType.PORT, "9464",
            "Port of the metrics endpoint; a bad value turns the endpoint off", METRICS_ENABLED),
    METRICS_TOKEN("metrics.token", ValueType.STRING, "",
            "If set, the endpoint (metrics and overview) asks for `Authorization: Bearer <token>`"
                    + " (Prometheus: `authorization: { credentials: ... }`); never logged"),
    METRICS_BASIC_AUTH("metrics.basic-auth", ValueType.USER_PASSWORD, "",
            "If set, as `user:password`, the endpoint also accepts HTTP basic auth (Prometheus: `basic_auth`); never logged"),
    METRICS_MAX_SERIES("metrics.max-series", ValueType.integer(10, 1_000_000), "1000",
            "Series kept per metric (label combinations of one histogram or counter); further ones are recorded on an"
                    + " overflow series with `_OTHER` labels and counted in `vigil_cardinality_overflow_total{label=\"_series\"}`"),
    METRICS_EXPORTER("metrics.exporter", ValueType.oneOf("auto", "none", "otlp"), "auto",
            "Push every metric by OTLP (http/protobuf) as well: `auto` pushes when `OTEL_METRICS_EXPORTER` names `otlp`;"
                    + " where, how often and with which temporality follow `OTEL_EXPORTER_OTLP_(METRICS_)ENDPOINT`,"
                    + " `OTEL_METRIC_EXPORT_INTERVAL` and `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE`."
                    + " Independent of `vigil.metrics.enabled`"),
    OTLP_METRICS_ENABLED("otlp-metrics.enabled", ValueType.BOOLEAN, "true",
            "Allow the OTLP metrics push that `vigil.metrics.exporter` asks for; `false` never loads it"),
    // A bad host or port turns the endpoint off: a guessed port could take one the application needs.
    HTTP_ENABLED("http.enabled", ValueType.BOOLEAN, "true", "Record HTTP server requests"),
    HTTP_MAX_ROUTES("http.max-routes", ValueType.integer(1, 100_000), "500",
            "Distinct `http_route` values made from paths no framework routed (a normalised path earns one by answering"
                    + " 2xx or 3xx); further ones become `_OTHER`"),
    HTTP_MAX_TEMPLATES("http.max-templates", ValueType.integer(1, 100_000), "2000",
            "Distinct framework route templates kept, capped apart from paths so that no flood of paths crowds them out"),
    HTTP_ROUTES("http.routes", ValueType.ROUTE_TEMPLATES, "",
            "Route templates for paths no framework routes, such as `/users/{id}/orders/{orderId}`: a matching path"
                    + " is counted under its template whatever it answers"),
    JDBC_ENABLED("jdbc.enabled", ValueType.BOOLEAN, "true", "Record JDBC statements"),
    JDBC_MAX_COLLECTIONS("jdbc.max-collections", ValueType.integer(1, 100_000), "200",
            "Distinct `db_collection_name` values kept"),
    DB_N_PLUS_ONE_THRESHOLD("db.n-plus-one.threshold", ValueType.integer(2, 100_000), "10",
            "Executions of one statement shape in one request that count as an N+1 (`vigil_db_n_plus_one_total`)"),
    DB_SLOW_QUERY_THRESHOLD_MS("db.slow-query.threshold-ms", ValueType.integer(1, 3_600_000), "500",
            "Statements at least this slow (ms) are counted in `vigil_db_slow_queries_total` and logged"),
    DB_EXPLAIN_ENABLED("db.explain.enabled", ValueType.BOOLEAN, "false",
            "Index audit: explain the most expensive and the slow `SELECT` shapes on a connection of the agent's own"
                    + " (never `ANALYZE`, never another statement) and show full scans with a suggested index at `/vigil/audit`"),
    DB_EXPLAIN_INTERVAL_SECONDS("db.explain.interval-seconds", ValueType.integer(1, 86_400), "600",
            "A statement shape is explained at most once per this many seconds"),
    DB_EXPLAIN_MIN_ROWS("db.explain.min-rows", ValueType.integer(1, Integer.MAX_VALUE), "1000",
            "A full scan counts only on a table of at least this many rows (the planner's estimate)"),
    DB_EXPLAIN_TIMEOUT_MS("db.explain.timeout-ms", ValueType.integer(100, 60_000), "2000",
            "Statement and lock timeout of each `EXPLAIN` on the audit's connection"),
    DB_OWNERSHIP_ENABLED("db.ownership.enabled", ValueType.BOOLEAN, "true",
            "Data ownership: attribute each statement shape to the module whose code ran it (one stack walk per shape),"
                    + " count `vigil_db_module_operations_total` and `vigil_db_ownership_violations_total`, show the module"
                    + " by table matrix at `/vigil/audit`; modules come from the `modules:` section of the YAML file, else"
                    + " the packages under the main package"),
    DB_OWNERSHIP_BASE_PACKAGE("db.ownership.base-package", ValueType.STRING, "",
            "Main package under which modules are inferred (`com.shop` makes `com.shop.orders` the module `orders`);"
                    + " if empty: the package of the main class (Spring Boot's `Start-Class`, the jar's `Main-Class`,"
                    + " the command line's class, or the `main` thread's bottom frame)"),
    DB_TOP_STATEMENTS("db.top-statements", ValueType.integer(1, 10_000), "100",
            "Statement shapes kept for `/vigil/queries` (the most expensive by total time)"),
    TRACES_ENABLED("traces.enabled", ValueType.BOOLEAN, "true",
            "Server and JDBC spans, W3C propagation, trace IDs in the application's log context, exemplars"),
    TRACES_EXPORTER("traces.exporter", ValueType.oneOf("auto", "none", "otlp"), "auto",
            "Where spans go: `auto` sends OTLP (http/protobuf) only when `OTEL_EXPORTER_OTLP_ENDPOINT`,"
                    + " `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_TRACES_EXPORTER` asks for it, otherwise nowhere"),
    HTTP_CLIENT_ENABLED("http-client.enabled", ValueType.BOOLEAN, "true",
            "Time outgoing HTTP calls (`http_client_request_duration_seconds`, client time per server request)"
                    + " and send the current trace (W3C `traceparent`) with them"),
    HTTP_CLIENT_MAX_ADDRESSES("http-client.max-addresses", ValueType.integer(1, 100_000), "100",
            "Cap on distinct `server_address` values of outgoing calls; further hosts are counted as `_OTHER`"),
    LOGS_ENABLED("logs.enabled", ValueType.BOOLEAN, "true",
            "Put `trace_id`, `span_id` and `trace_flags` into the application's Logback MDC and Log4j2 context; needs traces"),
    EVENTS_ENABLED("events.enabled", ValueType.BOOLEAN, "true",
            "Business events: `Vigil.event` from code, the `events:` of the YAML file, and extensions"),
    JVM_METRICS_ENABLED("jvm-metrics.enabled", ValueType.BOOLEAN, "true",
            "JVM and process metrics (memory, GC, threads, CPU)"),
    EXTENSIONS("extensions", ValueType.STRING, "",
            "Comma-separated extension jars to load (see `extensions/`); a jar that fails is logged and skipped"),
    LOG_LEVEL("log.level", ValueType.oneOf("error", "warn", "info", "debug"), "info", "Level of the agent's own log"),
    LOG_FILE("log.file", ValueType.PATH, "", "File for the agent's JSON log; if empty: the JVM's stderr");

    private static final Map<String, Setting> BY_KEY =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));
    private static final Map<String, Setting> BY_ENV_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Setting::envName, Function.identity()));

    private final String name;
    private final ValueType type;
    private final String defaultText;
    private final Object defaultValue;
    private final String description;
    private final Setting switchedOffWhenInvalid;

    Setting(String name, ValueType type, String defaultText, String description) {
        this(name, type, defaultText, description, null);
    }

    Setting(String name, ValueType type, String defaultText, String description, Setting switchedOffWhenInvalid) {
        this.name = name;
        this.type = type;
        this.defaultText = defaultText;
        // Fails class initialisation, so in every test, when someone adds a key with an impossible default.
        this.defaultValue = Objects.requireNonNull(type.parse(defaultText),
                () -> "default '" + defaultText + "' of vigil." + name + " is not " + type.expected());
        this.description = description;
        this.switchedOffWhenInvalid = switchedOffWhenInvalid;
    }

    /** Name relative to {@code vigil.}, as written in YAML: {@code metrics.port}. */
    public String relativeName() {
        return name;
    }

    /** Full key, also the system property: {@code vigil.metrics.port}. */
    public String key() {
        return "vigil." + name;
    }

    /** Environment variable: {@code VIGIL_METRICS_PORT} (upper case, {@code .} and {@code -} become {@code _}). */
    public String envName() {
        return "VIGIL_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public ValueType type() {
        return type;
    }

    /** The default of an integer setting. */
    public int defaultInt() {
        return (Integer) defaultValue;
    }

    /** The default as text; empty means "not set" (see the description for what that implies). */
    public String defaultText() {
        return defaultText;
    }

    Object defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The on/off switch a bad value of this key turns off, or null if a bad value falls back to the default. */
    public Setting switchedOffWhenInvalid() {
        return switchedOffWhenInvalid;
    }

    /** Values of such keys are never shown in messages. */
    public boolean secret() {
        return mayHoldSecret(name);
    }

    static boolean mayHoldSecret(String keyName) {
        String lower = keyName.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("token") || lower.contains("secret") || lower.contains("auth");
    }

    /** The on/off switch of the feature named {@code feature}: {@code vigil.<feature>.enabled}. */
    public static Optional<Setting> switchOf(String feature) {
        return byKey("vigil." + feature + ".enabled").filter(s -> s.type() == ValueType.BOOLEAN);
    }

    public static Optional<Setting> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    public static Optional<Setting> byEnvName(String envName) {
        return Optional.ofNullable(BY_ENV_NAME.get(envName));
    }
}
