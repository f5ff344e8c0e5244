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

    private Contract() {
    }
}
