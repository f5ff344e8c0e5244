package dev.vigil.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The JSON log reader the tracing tests rely on, checked on its own (no agent needed). */
class JsonLogsTest {

    @Test
    void readsOneEventPerJsonLineAndSkipsTheRest() {
        String output = String.join("\n",
                "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes",
                "{\"message\":\"handling trace/log\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"level_value\":20000}",
                "\tat some.Stack(Trace.java:1)",
                "{\"message\":\"on executor\",\"labels\":{\"a\":1}}",
                "");

        List<JsonLogs.Event> events = JsonLogs.parse(output);

        assertThat(events).extracting(JsonLogs.Event::message).containsExactly("handling trace/log", "on executor");
        assertThat(events).extracting(JsonLogs.Event::index).containsExactly(0, 1);
        assertThat(events.get(0).field("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(events.get(0).field("level_value")).isEqualTo("20000");
        assertThat(events.get(0).field("span_id")).isNull();
        assertThat(events.get(0).has("span_id")).isFalse();
        assertThat(JsonLogs.message("on executor").test(events.get(1))).isTrue();
    }

    @Test
    void aLineStillBeingWrittenIsLeftForLater() {
        assertThat(JsonLogs.parse("{\"message\":\"done\"}\n{\"message\":\"half")).hasSize(1);
        assertThat(JsonLogs.parse("{\"message\":\"no newline yet\"}")).isEmpty();
    }

    @Test
    void aBrokenJsonLineFails() {
        assertThatThrownBy(() -> JsonLogs.parse("{\"message\": oops}\n"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not valid JSON");
    }
}
