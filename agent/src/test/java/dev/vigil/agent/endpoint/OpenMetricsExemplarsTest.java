package dev.vigil.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenMetricsExemplarsTest {

    @Test
    void exemplarsStayOnBucketsAndCountersAndLeaveEveryOtherLine() {
        String in = """
                # TYPE http_server_request_duration_seconds histogram
                http_server_request_duration_seconds_bucket{le="0.1"} 3 # {trace_id="abc",span_id="def"} 0.05 1.0
                http_server_request_duration_seconds_count{route="/x"} 3 # {trace_id="abc",span_id="def"} 0.05 1.0
                http_server_request_duration_seconds_sum{route="/x"} 0.15
                odd_count{route="/a # {b}"} 1 # {trace_id="abc"} 1.0
                vigil_events_total{event="a # {b"} 2 # {trace_id="abc"} 1.0
                # EOF
                """;
        assertThat(OpenMetricsExemplars.keepOnBucketsAndCounters(in)).isEqualTo("""
                # TYPE http_server_request_duration_seconds histogram
                http_server_request_duration_seconds_bucket{le="0.1"} 3 # {trace_id="abc",span_id="def"} 0.05 1.0
                http_server_request_duration_seconds_count{route="/x"} 3
                http_server_request_duration_seconds_sum{route="/x"} 0.15
                odd_count{route="/a # {b}"} 1
                vigil_events_total{event="a # {b"} 2 # {trace_id="abc"} 1.0
                # EOF
                """);
    }

    @Test
    void outputWithoutExemplarsIsReturnedAsItIs() {
        String in = "up 1\n# EOF\n";
        assertThat(OpenMetricsExemplars.keepOnBucketsAndCounters(in)).isSameAs(in);
    }
}
