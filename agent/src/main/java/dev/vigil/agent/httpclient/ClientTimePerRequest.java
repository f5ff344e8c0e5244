package dev.vigil.agent.httpclient;

import dev.vigil.agent.core.metrics.LatencyBuckets;
import dev.vigil.agent.core.metrics.MetricNames;
import dev.vigil.agent.core.metrics.SeriesLimit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil_http_server_client_duration_seconds{http_route}}: how long each server request that made
 * outgoing calls waited for them, next to its database time, so "checkout is slow because the payment
 * provider is" shows on the route. Requests that made no call are not recorded, as for the database time.
 */
final class ClientTimePerRequest {
    private final SeriesLimit<String, Timer> timers;

    ClientTimePerRequest(MeterRegistry registry, int maxSeries) {
        this.timers = SeriesLimit.of(registry, MetricNames.prometheus(MetricNames.CLIENT_TIME_PER_REQUEST) + "_seconds",
                maxSeries, route -> MetricNames.OTHER, route -> Timer.builder(MetricNames.CLIENT_TIME_PER_REQUEST)
                        .description("Time each server request spent in outgoing HTTP calls")
                        .tag(MetricNames.HTTP_ROUTE, route)
                        .serviceLevelObjectives(LatencyBuckets.asArray(LatencyBuckets.HTTP))
                        .register(registry));
    }

    void onRequestEnd(RequestClientTime time, String route) {
        if (time != null && time.calls() > 0) {
            timers.get(route).record(time.nanos(), TimeUnit.NANOSECONDS);
        }
    }
}
