package dev.vigil.agent.core.log;

import java.text.MessageFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * What the shaded libraries (OpenTelemetry SDK, Micrometer) get where their code says
 * {@code java.util.logging.Logger}: the agent's build relocates that one class here. A real JUL logger
 * creates the JVM's {@code LogManager}, and a library does it in a static field, in premain, before a
 * Quarkus or WildFly application had the chance to set {@code java.util.logging.manager}; the
 * application's logging setup would then be silently ignored. Their messages go to the agent's own log.
 *
 * <p>Only the methods the libraries call are here; the build's jar test fails if one calls another.
 */
public final class LibraryLogger {
    /** Logger name and a fragment of the lines the agent reports itself, once; see {@link #quiet}. */
    private static final Map<String, String> QUIET = new ConcurrentHashMap<>();

    private final String name;

    private LibraryLogger(String name) {
        // The library's class name as its authors wrote it, not as the build relocated it.
        this.name = ShadedNames.original(name);
    }

    public static LibraryLogger getLogger(String name) {
        return new LibraryLogger(name);
    }

    /**
     * Lines of the library logger {@code loggerName} that contain {@code fragment} go to the debug level: the
     * agent counts and reports that failure once itself, where the library would repeat it at every attempt.
     */
    public static void quiet(String loggerName, String fragment) {
        QUIET.put(ShadedNames.original(loggerName), fragment);
    }

    public String getName() {
        return name;
    }

    public boolean isLoggable(Level level) {
        return level.intValue() >= Level.INFO.intValue() || AgentLog.isDebugEnabled();
    }

    public void severe(String message) {
        log(Level.SEVERE, message);
    }

    public void warning(String message) {
        log(Level.WARNING, message);
    }

    public void info(String message) {
        log(Level.INFO, message);
    }

    public void fine(String message) {
        log(Level.FINE, message);
    }

    public void log(Level level, String message) {
        write(level, message, null);
    }

    public void log(Level level, String message, Object parameter) {
        write(level, format(message, new Object[] {parameter}), null);
    }

    public void log(Level level, String message, Object[] parameters) {
        write(level, format(message, parameters), null);
    }

    public void log(Level level, String message, Throwable thrown) {
        write(level, message, thrown);
    }

    public void log(LogRecord record) {
        write(record.getLevel(), format(record.getMessage(), record.getParameters()), record.getThrown());
    }

    private void write(Level level, String message, Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        // The exception's class only: a library's exception message may carry an endpoint's URL or a header.
        String line = name + ": " + message + (thrown == null ? "" : " (" + ShadedNames.original(thrown.getClass().getName()) + ")");
        int value = level.intValue();
        String quiet = QUIET.get(name);
        if (quiet != null && message != null && message.contains(quiet)) {
            value = Level.FINE.intValue();
        }
        if (value >= Level.SEVERE.intValue()) {
            AgentLog.error(line);
        } else if (value >= Level.WARNING.intValue()) {
            AgentLog.warn(line);
        } else if (value >= Level.INFO.intValue()) {
            AgentLog.info(line);
        } else {
            AgentLog.debug(line);
        }
    }

    private static String format(String message, Object[] parameters) {
        if (message == null || parameters == null || parameters.length == 0) {
            return message;
        }
        try {
            return MessageFormat.format(message, parameters);
        } catch (IllegalArgumentException e) {
            return message;
        }
    }
}
