package dev.vigil.agent.endpoint;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.agent.core.AgentThread;
import dev.vigil.agent.core.Pages;
import dev.vigil.agent.core.log.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} on {@code vigil.metrics.host:vigil.metrics.port}, served by the JDK's own
 * HttpServer on its dispatcher thread (no executor, so no thread of ours beside the server's two): no
 * dependency, and a slow scraper cannot take threads from the application. OpenMetrics when the
 * scraper asks for it (exemplars need it), else Prometheus text.
 */
public final class MetricsEndpoint {
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Binds and starts; throws the bind failure so the caller can say which key to change. */
    public static MetricsEndpoint start(String host, int port, PrometheusMeterRegistry registry) throws IOException {
        return start(host, port, registry, Map.of());
    }

    /** As above, plus JSON pages ({@code /vigil/queries}) rendered from what each supplier returns. */
    public static MetricsEndpoint start(String host, int port, PrometheusMeterRegistry registry,
                                        Map<String, Supplier<Object>> jsonPages) throws IOException {
        return start(host, port, registry, jsonPages, null, () -> { });
    }

    /**
     * As above; with {@code auth}, every path asks for its credentials (401 without them). {@code beforeScrape}
     * runs before each scrape: the meters bound once the application is up are bound by then.
     */
    public static MetricsEndpoint start(String host, int port, PrometheusMeterRegistry registry,
                                        Map<String, Supplier<Object>> jsonPages, EndpointAuth auth,
                                        Runnable beforeScrape) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        List<HttpContext> contexts = new ArrayList<>();
        contexts.add(server.createContext("/metrics", exchange -> scrape(exchange, registry, beforeScrape)));
        jsonPages.forEach((path, page) -> contexts.add(server.createContext(path, exchange -> json(exchange, page))));
        contexts.add(server.createContext("/", MetricsEndpoint::index));
        for (HttpContext context : contexts) {
            // The HTTP feature instruments the JDK HttpServer too; it leaves the contexts marked so alone.
            context.getAttributes().put(AgentThread.ENDPOINT_CONTEXT, Boolean.TRUE);
            if (auth != null) {
                context.setAuthenticator(auth);
            }
        }
        server.start();
        return new MetricsEndpoint(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    private static void scrape(HttpExchange exchange, PrometheusMeterRegistry registry, Runnable beforeScrape)
            throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            beforeScrape.run();
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            String contentType = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT;
            String exposition = registry.scrape(contentType);
            if (contentType == OPENMETRICS) {
                exposition = OpenMetricsExemplars.keepOnBucketsAndCounters(exposition);
            }
            byte[] body = exposition.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void json(HttpExchange exchange, Supplier<Object> page) throws IOException {
        try (exchange) {
            Object value = page.get();
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            boolean html = value instanceof Pages.Html && accept != null && accept.contains("text/html")
                    && !accept.contains("application/json");
            if (value instanceof Pages.Html both) {
                value = html ? both.html() : both.json();
            }
            byte[] body = (html ? (String) value : Json.write(value)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", html ? "text/html; charset=utf-8" : "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** {@code /}: the overview page (it reads {@code /vigil/overview.json}); any other unknown path is a 404. */
    private static void index(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean root = "/".equals(exchange.getRequestURI().getPath());
            byte[] body = root ? OverviewPage.HTML : "Not found\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", root ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(root ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Read once, when the page is first asked for: a self-contained file, no external assets. */
    private static final class OverviewPage {
        static final byte[] HTML = read();

        private static byte[] read() {
            try (InputStream in = MetricsEndpoint.class.getResourceAsStream("/dev/vigil/agent/overview/index.html")) {
                if (in == null) {
                    return "Vigil agent: the overview page is missing from the jar. Metrics: /metrics\n"
                            .getBytes(StandardCharsets.UTF_8);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the overview page from the agent jar", e);
            }
        }
    }
}
