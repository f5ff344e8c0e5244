package dev.vigil.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MetricsEndpointTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient client = HttpClient.newHttpClient();
    private MetricsEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.stop();
        }
    }

    @Test
    void servesPrometheusTextByDefaultAndOpenMetricsWhenAsked() throws Exception {
        Counter.builder("demo.events").register(registry).increment(3);
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry);

        HttpResponse<String> text = get("*/*");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValue(MetricsEndpoint.TEXT);
        assertThat(text.body()).contains("demo_events_total 3.0").doesNotContain("# EOF");

        HttpResponse<String> openMetrics = get("application/openmetrics-text; version=1.0.0,text/plain;q=0.5");
        assertThat(openMetrics.headers().firstValue("Content-Type")).hasValue(MetricsEndpoint.OPENMETRICS);
        assertThat(openMetrics.body()).contains("demo_events_total 3.0").endsWith("# EOF\n");
    }

    @Test
    void aScrapeRunsTheWorkBeforeItSoTheMetersBoundThenAreInThatScrape() throws Exception {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry, java.util.Map.of(), null, () -> {
            if (runs.getAndIncrement() == 0) {
                Counter.builder("bound.late").register(registry).increment();
            }
        });

        assertThat(get("*/*").body()).contains("bound_late_total 1.0");
        get("*/*");
        assertThat(runs.get()).as("asked before each scrape").isEqualTo(2);
    }

    @Test
    void aTakenPortIsReportedAsABindFailure() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Executable start = () -> MetricsEndpoint.start("127.0.0.1", taken.getLocalPort(), registry);
            assertThatThrownBy(start::execute).isInstanceOf(BindException.class);
        }
    }

    private HttpResponse<String> get(String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
                .header("Accept", accept).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withCredentialsConfiguredEveryPathAsksForThemAndAcceptsEitherScheme() throws Exception {
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry, java.util.Map.of("/vigil/overview.json",
                () -> java.util.Map.of("ok", true)), EndpointAuth.of("s3cret-token", "prom:pa55"), () -> { });
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("prom:pa55".getBytes());
        for (String path : new String[] {"/metrics", "/", "/vigil/overview.json"}) {
            assertThat(status(path, null)).as(path + " without credentials").isEqualTo(401);
            assertThat(status(path, "Bearer wrong")).as(path + " with a wrong token").isEqualTo(401);
            assertThat(status(path, "Basic " + java.util.Base64.getEncoder().encodeToString("prom:nope".getBytes())))
                    .as(path + " with a wrong password").isEqualTo(401);
            assertThat(status(path, "Bearer s3cret-token")).as(path + " with the token").isEqualTo(200);
            assertThat(status(path, basic)).as(path + " with basic auth").isEqualTo(200);
        }
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
    }

    @Test
    void withoutCredentialsConfiguredTheEndpointIsOpen() {
        assertThat(EndpointAuth.of("", "")).isNull();
        assertThat(EndpointAuth.of(null, null)).isNull();
    }

    private int status(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
