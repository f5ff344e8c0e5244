package dev.vigil.agent.endpoint;

import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.Pages;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.log.AgentLog;
import java.net.BindException;
import java.util.LinkedHashMap;
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
        json.put("/vigil/overview.json", new OverviewData(context.registry(), pages.overviewSections())::snapshot);
        try {
            EndpointAuth auth = EndpointAuth.of(config.string(Setting.METRICS_TOKEN), config.string(Setting.METRICS_BASIC_AUTH));
            endpoint = MetricsEndpoint.start(host, port, context.registry(), json, auth);
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
