package dev.vigil.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The parser the integration tests rely on, checked on its own (no agent needed). */
class ScrapeTest {

    private static final String TEXT = String.join("\n",
            "# HELP http_server_request_duration_seconds Duration of HTTP server requests.",
            "# TYPE http_server_request_duration_seconds histogram",
            "http_server_request_duration_seconds_bucket{error_type=\"\",http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/owners/{ownerId}\",service_name=\"app\",le=\"0.005\"} 3",
            "http_server_request_duration_seconds_bucket{error_type=\"\",http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/owners/{ownerId}\",service_name=\"app\",le=\"+Inf\"} 5 1712000000000 # {trace_id=\"abc\"} 0.01 1712000000.000",
            "http_server_request_duration_seconds_count{error_type=\"\",http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/owners/{ownerId}\",service_name=\"app\"} 5",
            "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"500\",http_route=\"/boom\",error_type=\"java.lang.IllegalStateException\"} 2",
            "http_server_request_duration_seconds_sum{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/owners/{ownerId}\"} 0.25",
            "weird_label_total{msg=\"a \\\"quoted\\\" \\\\ back,slash\\nnew\",} 1.5e3",
            "{\"dotted.name\",k=\"v\"} NaN",
            "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1.2345E7",
            "");

    @Test
    void parsesNamesLabelsAndValues() {
        Scrape scrape = Scrape.parse(TEXT);

        assertThat(scrape.samples()).hasSize(8);
        assertThat(scrape.value("http_server_request_duration_seconds_count",
                Map.of("http_route", "/owners/{ownerId}", "http_response_status_code", "200"))).isEqualTo(5);
        assertThat(scrape.value("http_server_request_duration_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(5);
        assertThat(scrape.value("weird_label_total", Map.of("msg", "a \"quoted\" \\ back,slash\nnew"))).isEqualTo(1500);
        assertThat(scrape.has("dotted.name")).isTrue();
        assertThat(scrape.value("jvm_memory_used_bytes", Map.of("area", "heap"))).isEqualTo(12_345_000);
    }

    @Test
    void aMissingLabelMatchesAnEmptyValue() {
        Scrape scrape = Scrape.parse(TEXT);

        // The _sum line has no error_type at all; the _count line has error_type="".
        assertThat(scrape.value("http_server_request_duration_seconds_sum", Map.of("error_type", ""))).isEqualTo(0.25);
        assertThat(scrape.value("http_server_request_duration_seconds_count", Map.of("error_type", ""))).isEqualTo(5);
        assertThat(scrape.labelValues("http_server_request_duration_seconds_count", "error_type"))
                .containsExactly("", "java.lang.IllegalStateException");
        assertThat(scrape.labelValues("http_server_request_duration_seconds_sum", "error_type")).containsExactly("");
    }

    @Test
    void summingAndPrefixes() {
        Scrape scrape = Scrape.parse(TEXT);

        assertThat(scrape.value("http_server_request_duration_seconds_count", Map.of())).isEqualTo(7);
        assertThat(scrape.value("no_such_metric", Map.of())).isZero();
        assertThat(scrape.series("http_server_request_duration_seconds_")).hasSize(5);
        assertThat(scrape.lines("http_server_request_duration_seconds_count")).contains("/boom");
    }
}
