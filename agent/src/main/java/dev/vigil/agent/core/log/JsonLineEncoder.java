package dev.vigil.agent.core.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * The agent's log lines, in the field layout of logstash-logback-encoder's {@code LogstashEncoder}
 * ({@code @timestamp}, {@code @version}, {@code message}, {@code logger_name}, {@code thread_name},
 * {@code level}, {@code level_value}, then an event's own fields and {@code stack_trace}), so log
 * pipelines built for Logstash JSON read them unchanged. One event, one line.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final byte[] NONE = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"@timestamp\":");
        Json.string(line, event.getInstant().toString());
        line.append(",\"@version\":\"1\",\"message\":");
        Json.string(line, event.getFormattedMessage());
        line.append(",\"logger_name\":");
        Json.string(line, event.getLoggerName());
        line.append(",\"thread_name\":");
        Json.string(line, event.getThreadName());
        line.append(",\"level\":");
        Json.string(line, event.getLevel().toString());
        line.append(",\"level_value\":").append(event.getLevel().toInt());
        List<KeyValuePair> fields = event.getKeyValuePairs();
        if (fields != null) {
            for (KeyValuePair field : fields) {
                line.append(',');
                Json.string(line, field.key);
                line.append(':');
                Json.append(line, field.value);
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(",\"stack_trace\":");
            Json.string(line, stackTrace(thrown));
        }
        line.append("}\n");
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String stackTrace(IThrowableProxy thrown) {
        StringBuilder trace = new StringBuilder();
        for (IThrowableProxy cause = thrown; cause != null; cause = cause.getCause()) {
            trace.append(cause == thrown ? "" : "Caused by: ").append(cause.getClassName());
            if (cause.getMessage() != null) {
                trace.append(": ").append(cause.getMessage());
            }
            trace.append('\n');
            for (StackTraceElementProxy frame : cause.getStackTraceElementProxyArray()) {
                trace.append("\tat ").append(frame.getStackTraceElement()).append('\n');
            }
        }
        return trace.toString();
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }
}
