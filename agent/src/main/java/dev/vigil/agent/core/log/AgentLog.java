package dev.vigil.agent.core.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Map;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The agent's own log: JSON, one event per line, on stderr or in {@code vigil.log.file}. It runs on a
 * private, programmatically built LoggerContext of the shaded Logback, so it never reads the
 * application's logback.xml and never touches the application's logging or its stdout.
 */
public final class AgentLog {
    private static final LoggerContext CONTEXT = newContext();
    private static final Logger LOGGER = CONTEXT.getLogger("dev.vigil.agent");

    private AgentLog() {
    }

    static LoggerContext context() {
        return CONTEXT;
    }

    private static LoggerContext newContext() {
        LoggerContext context = new LoggerContext();
        context.setName("vigil");
        context.setMDCAdapter(new LogbackMDCAdapter());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr(context));
        root.setLevel(Level.INFO);
        context.start();
        return context;
    }

    /**
     * Sets the level and destination. Returns a problem message, already logged, if the file could
     * not be written (the log then stays on stderr).
     */
    public static synchronized String configure(String level, String file) {
        String problem = null;
        Logger root = CONTEXT.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        if (file != null && !file.isBlank()) {
            FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
            fileAppender.setContext(CONTEXT);
            fileAppender.setName("file");
            fileAppender.setFile(file);
            fileAppender.setEncoder(encoder(CONTEXT));
            fileAppender.start();
            if (fileAppender.isStarted()) {
                root.detachAndStopAllAppenders();
                root.addAppender(fileAppender);
            } else {
                problem = "vigil.log.file: cannot write to " + file + "; logging to stderr instead";
                warn(problem);
            }
        }
        return problem;
    }

    private static OutputStreamAppender<ILoggingEvent> stderr(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("stderr");
        console.setTarget("System.err");
        console.setEncoder(encoder(context));
        console.start();
        return console;
    }

    private static JsonLineEncoder encoder(LoggerContext context) {
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    public static void error(String message) {
        try {
            LOGGER.error(message);
        } catch (Throwable ignored) {
            // The agent's log must never be the reason the application fails.
        }
    }

    public static void warn(String message) {
        try {
            LOGGER.warn(message);
        } catch (Throwable ignored) {
            // see error()
        }
    }

    /** A warning whose fields become top-level JSON fields of the line (an event a log search can filter on). */
    public static void warn(String message, Map<String, ?> fields) {
        try {
            LoggingEventBuilder event = LOGGER.atWarn().setMessage(message);
            fields.forEach(event::addKeyValue);
            event.log();
        } catch (Throwable ignored) {
            // see error()
        }
    }

    public static void info(String message) {
        try {
            LOGGER.info(message);
        } catch (Throwable ignored) {
            // see error()
        }
    }

    public static boolean isDebugEnabled() {
        return LOGGER.isDebugEnabled();
    }

    public static void debug(String message) {
        try {
            LOGGER.debug(message);
        } catch (Throwable ignored) {
            // see error()
        }
    }
}
