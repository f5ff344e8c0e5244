package dev.vigil.agent.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineEncoderTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("dev.vigil.agent");

    private String encode(LoggingEvent event) {
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(context);
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void writesLogstashFieldsOnOneLineWhateverTheMessageHolds() {
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.WARN, "a \"quoted\"\nsecond line\t\u0001 \\ end", null, null);
        event.setThreadName("main");

        String line = encode(event);

        assertThat(line).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
        assertThat(line).startsWith("{\"@timestamp\":\"").contains(",\"@version\":\"1\",")
                .contains("\"message\":\"a \\\"quoted\\\"\\nsecond line\\t\\u0001 \\\\ end\"")
                .contains("\"logger_name\":\"dev.vigil.agent\",\"thread_name\":\"main\",\"level\":\"WARN\",\"level_value\":30000");
    }

    @Test
    void anEventsFieldsBecomeTopLevelFields() {
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.WARN, "N+1", null, null);
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("event", "n_plus_one"));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("count", 15));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("trace_id", null));

        assertThat(encode(event)).contains(",\"event\":\"n_plus_one\",\"count\":15,\"trace_id\":null}");
    }

    @Test
    void aThrowableBecomesItsStackTrace() {
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.ERROR, "failed", new IllegalStateException("boom"), null);

        assertThat(encode(event)).contains("\"stack_trace\":\"java.lang.IllegalStateException: boom\\n\\tat ");
    }

    @Test
    void pagesAreCompactJsonOfMapsListsAndNumbers() {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("routes", List.of(Map.of("count", 3L), Map.of("p99_ms", 12.5)));
        page.put("none", null);
        page.put("nan", Double.NaN);
        page.put("ok", true);

        assertThat(Json.write(page)).isEqualTo("{\"routes\":[{\"count\":3},{\"p99_ms\":12.5}],\"none\":null,\"nan\":null,\"ok\":true}");
    }
}
