package dev.vigil.agent.alerts;

import dev.vigil.agent.core.metrics.LatencyBuckets;
import dev.vigil.agent.core.metrics.MetricNames;
import java.util.List;

/** The Prometheus names the compiled rules read, rendered from {@link MetricNames}. */
final class AlertMetrics {
    static final String EVENT = MetricNames.EVENT;
    static final String OUTCOME = MetricNames.OUTCOME;
    /** Prometheus adds {@code _total} to a counter. */
    static final String EVENTS_TOTAL = MetricNames.prometheus(MetricNames.BUSINESS_EVENTS) + "_total";
    static final String HTTP_DURATION = MetricNames.prometheus(MetricNames.HTTP_SERVER_DURATION) + "_seconds";
    static final String HTTP_COUNT = HTTP_DURATION + "_count";
    static final String HTTP_BUCKET = HTTP_DURATION + "_bucket";

    static final String METHOD = MetricNames.prometheus(MetricNames.HTTP_REQUEST_METHOD);
    static final String ROUTE = MetricNames.prometheus(MetricNames.HTTP_ROUTE);
    static final String STATUS = MetricNames.prometheus(MetricNames.HTTP_RESPONSE_STATUS_CODE);
    static final String ERROR_TYPE = MetricNames.prometheus(MetricNames.ERROR_TYPE);
    static final String SERVICE = MetricNames.prometheus(MetricNames.SERVICE_NAME);
    /** The bucket bounds (seconds) of the agent's HTTP server histogram: the only {@code le} values that exist. */
    static final List<Double> HTTP_BUCKETS = LatencyBuckets.HTTP.stream().map(d -> d.toNanos() / 1e9).toList();

    /** Added by Prometheus at scrape time. */
    static final String JOB = "job";
    static final String INSTANCE = "instance";

    private AlertMetrics() {
    }
}
