package dev.vigil.agent.alerts;

import java.util.List;

/**
 * A whole alerts file, checked.
 *
 * @param source the file as named on the command line, for messages
 * @param grafanaUrl without a trailing slash, the base of every {@code dashboard_url}
 */
record AlertsConfig(String source, String grafanaUrl, List<AlertSpec> alerts, List<SloSpec> slos) {
    static final String DEFAULT_GRAFANA_URL = "http://localhost:3000";

    AlertsConfig {
        alerts = List.copyOf(alerts);
        slos = List.copyOf(slos);
    }
}
