package dev.vigil.agent.logs;

import dev.vigil.agent.logs.bridge.LogHooks;
import dev.vigil.agent.traces.Tracing;
import java.util.HashMap;
import java.util.Map;

/** The current span's IDs, as the application's log context (Logback MDC, Log4j2 context data) holds them. */
final class LogContext extends LogHooks {
    @Override
    public Map<String, String> withTraceFields(Map<String, String> mdc) {
        String[] fields = Tracing.currentLogFields();
        if (fields == null || (mdc != null && mdc.containsKey(Tracing.LOG_FIELD_NAMES.get(0)))) {
            return mdc;
        }
        Map<String, String> copy = mdc == null ? new HashMap<>(4) : new HashMap<>(mdc);
        for (int i = 0; i < fields.length; i++) {
            copy.put(Tracing.LOG_FIELD_NAMES.get(i), fields[i]);
        }
        return copy;
    }

    @Override
    public String traceField(String key) {
        int index = Tracing.LOG_FIELD_NAMES.indexOf(key);
        String[] fields = index < 0 ? null : Tracing.currentLogFields();
        return fields == null ? null : fields[index];
    }

    @Override
    public void addTraceFields(Map<String, Object> mdc) {
        String[] fields = Tracing.currentLogFields();
        if (fields == null || mdc == null || mdc.containsKey(Tracing.LOG_FIELD_NAMES.get(0))) {
            return;
        }
        for (int i = 0; i < fields.length; i++) {
            mdc.put(Tracing.LOG_FIELD_NAMES.get(i), fields[i]);
        }
    }

    @Override
    public String[] traceFields() {
        return Tracing.currentLogFields();
    }
}
