package dev.vigil.agent.core.metrics;

/**
 * Every metric and label name, declared once. Micrometer names are dotted; the Prometheus registry
 * renders them as the OpenTelemetry semantic conventions do: {@code http.server.request.duration}
 * (a timer) becomes {@code http_server_request_duration_seconds}, so dashboards work for metrics from
 * either Vigil or the OpenTelemetry agent.
 */
public final class MetricNames {
    public static final String HTTP_SERVER_DURATION = "http.server.request.duration";
    public static final String DB_CLIENT_DURATION = "db.client.operation.duration";
    public static final String HTTP_CLIENT_DURATION = "http.client.request.duration";
    public static final String CLIENT_TIME_PER_REQUEST = "vigil.http.server.client.duration";
    public static final String DB_BATCH_SIZE = "vigil.db.client.batch.size";
    public static final String CARDINALITY_OVERFLOW = "vigil.cardinality.overflow";
    public static final String AGENT_ERRORS = "vigil.agent.errors";
    public static final String AGENT_INFO = "vigil.agent.info";
    public static final String SPANS_DROPPED = "vigil.traces.spans.dropped";
    public static final String METRICS_EXPORT_FAILURES = "vigil.metrics.export.failures";
    public static final String DB_QUERIES_PER_REQUEST = "vigil.http.server.db.queries.per.request";
    public static final String DB_TIME_PER_REQUEST = "vigil.http.server.db.duration";
    public static final String DB_N_PLUS_ONE = "vigil.db.n.plus.one";
    public static final String DB_SLOW_QUERIES = "vigil.db.slow.queries";
    public static final String DB_FULL_SCANS = "vigil.db.full.scans";
    public static final String DB_MODULE_OPERATIONS = "vigil.db.module.operations";
    public static final String DB_OWNERSHIP_VIOLATIONS = "vigil.db.ownership.violations";
    /** A counter of seconds, not a histogram: summed per module and route it stays one series each. */
    public static final String DB_MODULE_TIME = "vigil.db.module.time.seconds";
    public static final String BUSINESS_EVENTS = "vigil.business.events";
    public static final String BUSINESS_EVENT_DURATION = "vigil.business.event.duration";
    public static final String BUSINESS_EVENT_ATTRIBUTES = "vigil.business.event.attributes";

    public static final String HTTP_REQUEST_METHOD = "http.request.method";
    public static final String HTTP_ROUTE = "http.route";
    public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
    public static final String ERROR_TYPE = "error.type";
    public static final String SERVER_ADDRESS = "server.address";
    public static final String SERVER_PORT = "server.port";
    public static final String DB_SYSTEM_NAME = "db.system.name";
    public static final String DB_OPERATION_NAME = "db.operation.name";
    public static final String DB_COLLECTION_NAME = "db.collection.name";
    public static final String SERVICE_NAME = "service.name";
    /** The application module whose code ran a statement (data ownership). */
    public static final String MODULE = "module";
    public static final String OWNER_MODULE = "owner.module";
    public static final String EVENT = "event";
    public static final String OUTCOME = "outcome";
    /** What an {@code event} label value may be: people type these into PromQL, so they stay plain. */
    public static final java.util.regex.Pattern EVENT_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");
    /** The two values of {@link #OUTCOME}. */
    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_ERROR = "error";

    /** The value a capped label takes once its cap is reached (the OpenTelemetry convention's spelling). */
    public static final String OTHER = "_OTHER";

    private MetricNames() {
    }

    /** The Prometheus rendering of a dotted name: what users see at /metrics and in PromQL. */
    public static String prometheus(String dotted) {
        return dotted.replace('.', '_');
    }
}
