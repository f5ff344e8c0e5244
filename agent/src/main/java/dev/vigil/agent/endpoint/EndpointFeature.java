package dev.vigil.agent.endpoint;

import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.Pages;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.log.AgentLog;
import java.net.BindException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The agent's endpoint: {@code /metrics} for Prometheus, the overview page, and the JSON pages every feature
 * contributes. The port is bound later, off the application's start-up path; a taken port is one line.
 */
public final class EndpointFeature implements Feature {
    private volatile MetricsEndpoint endpoint;

    @Override
    public String name() {
        return "metrics";
    }

    static final String AUDIT = "/vigil/audit";

    @Override
    public void start(FeatureContext context) {
    }

    @Override
    public void startLater(FeatureContext context) {
        VigilConfig config = context.config();
        if (!config.metricsEndpointEnabled()) {
            return;
        }
        String host = config.string(Setting.METRICS_HOST);
        int port = config.integer(Setting.METRICS_PORT);
        Pages pages = context.pages();
        Map<String, Supplier<Object>> json = new LinkedHashMap<>(pages.json());
        OverviewData overview = new OverviewData(context.registry(), pages.overviewSections());
        json.put("/vigil/overview.json", overview::snapshot);
        // The audit: JSON as the JDBC feature made it (or none), the whole report for a browser.
        Supplier<Object> audit = json.getOrDefault(AUDIT, () -> Map.of("explain_enabled", false, "statements", List.of()));
        json.put(AUDIT, () -> new Pages.Html() {
            private final Object page = audit.get();

            @Override
            public Object json() {
                return page;
            }

            @Override
            public String html() {
                return AuditReport.html(overview.snapshot(), page instanceof Map<?, ?> map ? map : Map.of());
            }
        });
        try {
            EndpointAuth auth = EndpointAuth.of(config.string(Setting.METRICS_TOKEN), config.string(Setting.METRICS_BASIC_AUTH));
            endpoint = MetricsEndpoint.start(host, port, context.registry(), json, auth, context.deferred()::runPending);
            AgentLog.info("metrics at http://" + host + ":" + endpoint.port() + "/metrics"
                    + (auth == null ? "" : ", asking for " + auth.schemes()));
        } catch (BindException e) {
            AgentLog.error("vigil.metrics.port: port " + port + " on " + host
                    + " is already in use; metrics are not served, the application runs on. Set -Dvigil.metrics.port to a free port");
        } catch (Throwable t) {
            AgentLog.error("vigil.metrics.host/vigil.metrics.port: cannot serve metrics on " + host + ":" + port
                    + " (" + t.getClass().getName() + "); the application runs on");
        }
    }

    @Override
    public void stop() {
        MetricsEndpoint running = endpoint;
        if (running != null) {
            running.stop();
        }
    }
}
