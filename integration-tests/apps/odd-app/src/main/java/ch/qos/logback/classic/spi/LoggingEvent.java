package ch.qos.logback.classic.spi;

import java.util.Map;

/**
 * Stands in for a Logback release the agent has never seen: the same class and method, but the MDC
 * map lives in a field of another name, so the agent's advice (which stores into {@code mdcPropertyMap})
 * cannot be applied.
 */
public class LoggingEvent {
    private final Map<String, String> contextMap = Map.of("user", "u1");

    public Map<String, String> getMDCPropertyMap() {
        return contextMap;
    }
}
