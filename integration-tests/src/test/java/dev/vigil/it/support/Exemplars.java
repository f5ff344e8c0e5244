package dev.vigil.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exemplars of an OpenMetrics exposition: {@code name{labels} value # {trace_id="..",span_id=".."} value [timestamp]},
 * the link from a latency bucket to one request's trace (https://github.com/prometheus/OpenMetrics,
 * "Exemplars"). {@link Scrape} reads past them; this reads them.
 */
public final class Exemplars {

    /** What Prometheus sends to get OpenMetrics (and with it exemplars) rather than the 0.0.4 text format. */
    public static final String OPENMETRICS_ACCEPT = "application/openmetrics-text; version=1.0.0";

    /** One exemplar: the sample line it hangs on, its own labels ({@code trace_id}, {@code span_id}) and value. */
    public record Exemplar(Scrape.Sample sample, Map<String, String> labels, double value, String line) {
        public String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private Exemplars() {
    }

    /** GETs {@code /metrics} as OpenMetrics; fails unless it answers 200. */
    public static String fetchOpenMetrics(int metricsPort) {
        Http.Response response = Http.send(Http.request(metricsPort, "/metrics")
                .header("Accept", OPENMETRICS_ACCEPT).GET().build());
        if (response.status() != 200) {
            throw new AssertionError("GET http://127.0.0.1:" + metricsPort + "/metrics (OpenMetrics) answered " + response);
        }
        return response.body();
    }

    /** Every exemplar in an OpenMetrics text, in order. */
    public static List<Exemplar> parse(String openMetrics) {
        List<Exemplar> exemplars = new ArrayList<>();
        for (String line : openMetrics.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            // Exemplar labels are ids (hex), so the last " # {" is where the exemplar starts even if a
            // label value of the sample happened to contain one.
            int hash = line.lastIndexOf(" # {");
            if (hash < 0) {
                continue;
            }
            Scrape.Sample sample = Scrape.parse(line.substring(0, hash)).samples().get(0);
            // "{k="v",...} value [timestamp]" is a sample line without a name: give it one and reuse the parser.
            Scrape.Sample exemplar = Scrape.parse("exemplar" + line.substring(hash + 3)).samples().get(0);
            exemplars.add(new Exemplar(sample, exemplar.labels(), exemplar.value(), line));
        }
        return exemplars;
    }
}
