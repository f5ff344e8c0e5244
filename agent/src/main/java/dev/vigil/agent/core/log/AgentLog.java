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
 * application's logback.xml and never touches the application's logging or its stdout. The context is built
 * when the first line is written: a premain that writes none (the agent says it started from its own thread) does
 * not load Logback at all, nor does a start whose lines are all below {@code vigil.log.level}.
 */
public final class AgentLog {
    private static final Object LEVEL_LOCK = new Object();
    /** The level {@link #configure} set, readable without building the context. */
    private static volatile Level level = Level.INFO;
    /** The context's root logger, once it is built. */
    private static Logger root;

    private AgentLog() {
    }

    /** Built on first use (the holder idiom: the JVM initialises it once, on whichever thread asks first). */
    private static final class Built {
        static final LoggerContext CONTEXT = newContext();
        static final Logger LOGGER = CONTEXT.getLogger("dev.vigil.agent");
    }

    static LoggerContext context() {
        return Built.CONTEXT;
    }

    private static LoggerContext newContext() {
        LoggerContext context = new LoggerContext();
        context.setName("vigil");
        context.setMDCAdapter(new LogbackMDCAdapter());
        Logger contextRoot = context.getLogger(Logger.ROOT_LOGGER_NAME);
        contextRoot.addAppender(stderr(context));
        synchronized (LEVEL_LOCK) {
            contextRoot.setLevel(level);
            root = contextRoot;
        }
        context.start();
        return context;
    }

    /**
     * Sets the level and destination. Returns a problem message, already logged, if the file could
     * not be written (the log then stays on stderr).
     */
    public static synchronized String configure(String levelName, String file) {
        synchronized (LEVEL_LOCK) {
            level = Level.toLevel(levelName, Level.INFO);
            if (root != null) {
                root.setLevel(level);
            }
        }
        String problem = null;
        if (file != null && !file.isBlank()) {
            LoggerContext context = context();
            Logger contextRoot = context.getLogger(Logger.ROOT_LOGGER_NAME);
            FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
            fileAppender.setContext(context);
            fileAppender.setName("file");
            fileAppender.setFile(file);
            fileAppender.setEncoder(encoder(context));
            fileAppender.start();
            if (fileAppender.isStarted()) {
                contextRoot.detachAndStopAllAppenders();
                contextRoot.addAppender(fileAppender);
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
            Built.LOGGER.error(message);
        } catch (Throwable ignored) {
            // The agent's log must never be the reason the application fails.
        }
    }

    public static void warn(String message) {
        if (!enabled(Level.WARN)) {
            return; // vigil.log.level=error: nothing to build the log for
        }
        try {
            Built.LOGGER.warn(message);
        } catch (Throwable ignored) {
            // see error()
        }
    }

    /** A warning whose fields become top-level JSON fields of the line (an event a log search can filter on). */
    public static void warn(String message, Map<String, ?> fields) {
        if (!enabled(Level.WARN)) {
            return;
        }
        try {
            LoggingEventBuilder event = Built.LOGGER.atWarn().setMessage(message);
            fields.forEach(event::addKeyValue);
            event.log();
        } catch (Throwable ignored) {
            // see error()
        }
    }

    public static void info(String message) {
        if (!enabled(Level.INFO)) {
            return; // the "started" line under vigil.log.level=warn: the log is not built for a line it drops
        }
        try {
            Built.LOGGER.info(message);
        } catch (Throwable ignored) {
            // see error()
        }
    }

    public static boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    /** Whether a line at {@code candidate} is written, without building the context: every logger of it has the root's level. */
    static boolean enabled(Level candidate) {
        return candidate.isGreaterOrEqual(level);
    }

    public static void debug(String message) {
        if (!isDebugEnabled()) {
            return;
        }
        try {
            Built.LOGGER.debug(message);
        } catch (Throwable ignored) {
            // see error()
        }
    }
}
