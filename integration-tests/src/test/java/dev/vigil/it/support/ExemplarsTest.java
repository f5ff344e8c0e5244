package dev.vigil.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The exemplar reader the tracing tests rely on, checked on its own (no agent needed). */
class ExemplarsTest {

    private static final String TEXT = String.join("\n",
            "# TYPE http_server_request_duration_seconds histogram",
            "http_server_request_duration_seconds_bucket{error_type=\"\",http_route=\"/trace/log\",le=\"0.01\"} 3 # {span_id=\"00f067aa0ba902b7\",trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\"} 0.0042 1712000000.123",
            "http_server_request_duration_seconds_bucket{error_type=\"\",http_route=\"/trace/log\",le=\"0.02\"} 4",
            "http_server_request_duration_seconds_bucket{http_route=\"/a # {b}\",le=\"+Inf\"} 5 # {trace_id=\"0af7651916cd43dd8448eb211c80319c\",span_id=\"b7ad6b7169203331\"} 0.5",
            "# EOF",
            "");

    @Test
    void readsTheExemplarAndTheSampleItHangsOn() {
        List<Exemplars.Exemplar> exemplars = Exemplars.parse(TEXT);

        assertThat(exemplars).hasSize(2);
        Exemplars.Exemplar first = exemplars.get(0);
        assertThat(first.sample().name()).isEqualTo("http_server_request_duration_seconds_bucket");
        assertThat(first.sample().labels()).containsEntry("http_route", "/trace/log").containsEntry("le", "0.01");
        assertThat(first.sample().value()).isEqualTo(3);
        assertThat(first.labels()).isEqualTo(Map.of(
                "span_id", "00f067aa0ba902b7", "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"));
        assertThat(first.value()).isEqualTo(0.0042);
    }

    @Test
    void labelOrderAndATimestampDoNotMatter() {
        Exemplars.Exemplar last = Exemplars.parse(TEXT).get(1);

        assertThat(last.sample().label("http_route")).isEqualTo("/a # {b}");
        assertThat(last.label("trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(last.label("span_id")).isEqualTo("b7ad6b7169203331");
        assertThat(last.value()).isEqualTo(0.5);
    }
}
