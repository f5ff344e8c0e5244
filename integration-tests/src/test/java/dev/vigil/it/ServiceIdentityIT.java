package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Scrape;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The standard OpenTelemetry variables name the service on every series, as they do for the OpenTelemetry agent. */
class ServiceIdentityIT {

    @Test
    void otelServiceNameLabelsEverySeries() {
        assertThat(serviceNames("OTEL_SERVICE_NAME", "checkout")).containsExactly("checkout");
    }

    @Test
    void serviceNameInOtelResourceAttributesLabelsEverySeries() {
        assertThat(serviceNames("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod,service.name=billing"))
                .containsExactly("billing");
    }

    @Test
    void withoutOtelVariablesTheJarNameIsTheService() {
        assertThat(serviceNames("UNRELATED", "x")).containsExactly("httpserver-app");
    }

    private static java.util.Set<String> serviceNames(String variable, String value) {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HttpServerExample.onPort(appPort).withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .env(variable, value)
                .start()) {
            HttpServerExample.awaitReady(app, appPort);
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(60));
            Scrape scrape = Scrape.fetch(metricsPort);
            java.util.Set<String> names = new java.util.TreeSet<>();
            for (Scrape.Sample sample : scrape.samples()) {
                names.add(sample.label("service_name"));
            }
            return names;
        }
    }
}
