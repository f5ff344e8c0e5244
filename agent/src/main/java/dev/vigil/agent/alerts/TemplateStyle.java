package dev.vigil.agent.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How an annotation refers to the alert's value and labels. The same sentence is written once (in
 * {@link AlertsCompiler}) and rendered three ways: as a Prometheus template, as a Grafana template, and
 * as the text promtool must see in a test, so the three can never drift apart.
 */
interface TemplateStyle {

    /** How a value is shown: these are Prometheus' (and Grafana's) template functions. */
    enum ValueFormat {
        /** 0.475 as {@code 47.5%}. */
        PERCENT("humanizePercentage"),
        /** seconds as {@code 975ms} or {@code 1m 5s}. */
        DURATION("humanizeDuration"),
        /** a rate as {@code 0.50}; not humanize, which would print 0.5 as "500m", easily read as millions. */
        TWO_DECIMALS("printf \"%.2f\"");

        final String function;

        ValueFormat(String function) {
            this.function = function;
        }
    }

    String value(ValueFormat format);

    String label(String name);

    /** A label's value inside a URL's query string. */
    String urlLabel(String name);

    /** Prometheus alerting rule templates ({@code $value}, {@code $labels}). */
    TemplateStyle PROMETHEUS = new TemplateStyle() {
        @Override
        public String value(ValueFormat format) {
            return "{{ $value | " + format.function + " }}";
        }

        @Override
        public String label(String name) {
            return "{{ $labels." + name + " }}";
        }

        @Override
        public String urlLabel(String name) {
            return "{{ $labels." + name + " | urlquery }}";
        }
    };

    /** Grafana-managed rules: the value is that of the reduce expression {@code B}. */
    TemplateStyle GRAFANA = new TemplateStyle() {
        @Override
        public String value(ValueFormat format) {
            return "{{ $values.B.Value | " + format.function + " }}";
        }

        @Override
        public String label(String name) {
            return PROMETHEUS.label(name);
        }

        @Override
        public String urlLabel(String name) {
            return PROMETHEUS.urlLabel(name);
        }
    };

    /** The text Prometheus renders for a known value and labels: what a promtool test expects. */
    static TemplateStyle rendered(double value, Map<String, String> labels) {
        return new TemplateStyle() {
            @Override
            public String value(ValueFormat format) {
                return switch (format) {
                    case PERCENT -> GoFormat.humanizePercentage(value);
                    case DURATION -> GoFormat.humanizeDuration(value);
                    case TWO_DECIMALS -> GoFormat.twoDecimals(value);
                };
            }

            @Override
            public String label(String name) {
                return labels.getOrDefault(name, "");
            }

            @Override
            public String urlLabel(String name) {
                return URLEncoder.encode(label(name), StandardCharsets.UTF_8);
            }
        };
    }
}
