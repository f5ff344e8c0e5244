package dev.vigil.agent.cli;

import dev.vigil.agent.endpoint.AuditReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code audit URL [-o FILE] [--token TOKEN]}: reads a running agent's {@code /vigil/overview.json} and
 * {@code /vigil/audit} and writes the audit as one HTML page (to stdout without {@code -o}).
 */
final class AuditCommand {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private AuditCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        String base = null;
        Path file = null;
        String token = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("-o") || arg.equals("--token")) && i + 1 < args.size()) {
                if (arg.equals("-o")) {
                    file = Path.of(args.get(++i));
                } else {
                    token = args.get(++i);
                }
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.print(usage());
                return 0;
            } else if (base == null && !arg.startsWith("-")) {
                base = arg.endsWith("/") ? arg.substring(0, arg.length() - 1) : arg;
            } else {
                err.println("audit: unexpected argument " + arg);
                err.print(usage());
                return Main.USAGE_ERROR;
            }
        }
        if (base == null || !(base.startsWith("http://") || base.startsWith("https://"))) {
            err.println("audit: expected the agent's address, such as http://127.0.0.1:9464");
            err.print(usage());
            return Main.USAGE_ERROR;
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            Map<?, ?> overview = fetch(client, base + "/vigil/overview.json", token);
            Map<?, ?> audit = fetch(client, base + "/vigil/audit", token);
            String html = AuditReport.html(overview, audit);
            if (file == null) {
                out.print(html);
            } else {
                Files.writeString(file, html, StandardCharsets.UTF_8);
                out.println("wrote " + file);
            }
            return 0;
        } catch (IOException e) {
            err.println("audit: cannot read " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is the application running with the agent?");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static Map<?, ?> fetch(HttpClient client, String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        Object value = new Yaml(new SafeConstructor(new LoaderOptions())).load(response.body());
        if (!(value instanceof Map<?, ?> map)) {
            throw new IOException("GET " + url + " is not a JSON object");
        }
        return map;
    }

    static String usage() {
        return """
                Usage: java -jar vigil-agent.jar audit URL [-o FILE] [--token TOKEN]

                Reads a running agent (URL: its endpoint, such as http://127.0.0.1:9464) and writes the audit as one
                HTML page: routes by p99 and error rate, N+1 routes, the most expensive statements with their plans
                and suggested indexes (with -Dvigil.db.explain.enabled=true), business events.
                """;
    }
}
