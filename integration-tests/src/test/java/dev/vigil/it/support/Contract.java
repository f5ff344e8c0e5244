package dev.vigil.it.support;

/**
 * The names docs/CONTRACT.md promises, as the tests spell them. Tests keep the user's view: these are
 * the strings a user types into Prometheus, not the agent's own constants.
 */
public final class Contract {

    public static final String HTTP_DURATION = "http_server_request_duration_seconds";
    public static final String HTTP_COUNT = HTTP_DURATION + "_count";
    public static final String HTTP_SUM = HTTP_DURATION + "_sum";

    public static final String DB_DURATION = "db_client_operation_duration_seconds";
    public static final String DB_COUNT = DB_DURATION + "_count";
    public static final String DB_SUM = DB_DURATION + "_sum";

    public static final String DB_BATCH_SIZE = "vigil_db_client_batch_size";
    public static final String CARDINALITY_OVERFLOW = "vigil_cardinality_overflow_total";

    // Database insight: per request (by http_route), N+1 and slow statements.
    public static final String DB_QUERIES_PER_REQUEST = "vigil_http_server_db_queries_per_request";
    public static final String DB_TIME_PER_REQUEST = "vigil_http_server_db_duration_seconds";
    public static final String DB_N_PLUS_ONE = "vigil_db_n_plus_one_total";
    public static final String DB_SLOW_QUERIES = "vigil_db_slow_queries_total";
    // Data ownership: statements by the application module whose code ran them.
    public static final String DB_MODULE_OPERATIONS = "vigil_db_module_operations_total";
    public static final String DB_OWNERSHIP_VIOLATIONS = "vigil_db_ownership_violations_total";
    public static final String DB_MODULE_TIME = "vigil_db_module_time_seconds_total";
    /** The agent's JSON page of the most expensive statement shapes, on the metrics port. */
    public static final String QUERIES_PAGE = "/vigil/queries";

    // Connection pools (HikariCP), by db_client_connection_pool_name.
    public static final String POOL_CONNECTIONS = "db_client_connection_count";
    public static final String POOL_MAX = "db_client_connection_max";
    public static final String POOL_IDLE_MIN = "db_client_connection_idle_min";
    public static final String POOL_PENDING = "db_client_connection_pending_requests";
    public static final String POOL_WAIT = "db_client_connection_wait_time_seconds";

    private Contract() {
    }
}
