package dev.vigil.agent.core.log;

import ch.qos.logback.classic.Level;
import io.micrometer.common.util.internal.logging.AbstractInternalLogger;
import io.micrometer.common.util.internal.logging.InternalLogger;
import io.micrometer.common.util.internal.logging.InternalLoggerFactory;
import org.slf4j.Logger;

/**
 * Micrometer's own log lines, written straight to the agent's log. Left to itself, Micrometer's first class
 * looks for SLF4J, and the shaded SLF4J looks for its provider with a {@code ServiceLoader} scan of the whole
 * class path: 7% of a Hello's premain, more on an application with a long class path, to find the provider that
 * only hands over the agent's log again. It also read the application's {@code slf4j.provider} setting, and said on
 * stderr that the provider it names is none of the agent's. Installed before the first Micrometer class initialises,
 * this leaves the shaded SLF4J's {@code LoggerFactory} uninitialised.
 */
public final class MicrometerLog extends InternalLoggerFactory {

    private MicrometerLog() {
    }

    /** From here on, every Micrometer logger is one of the agent's. */
    public static void install() {
        InternalLoggerFactory.setDefaultFactory(new MicrometerLog());
    }

    @Override
    protected InternalLogger newInstance(String name) {
        // The library's class name as its authors wrote it, not as the build relocated it.
        return new Adapter(ShadedNames.original(name));
    }

    /**
     * Each call handed to the agent's Logback logger of the same name, whose methods have the same shapes. Micrometer's
     * classes take their loggers as they initialise, in the premain: the agent's log is looked up on the first call.
     */
    private static final class Adapter extends AbstractInternalLogger {
        private static final long serialVersionUID = 1L;
        private transient volatile Logger logger;

        Adapter(String name) {
            super(name);
        }

        private Logger logger() {
            Logger resolved = logger;
            if (resolved == null) {
                resolved = AgentLog.context().getLogger(name());
                logger = resolved;
            }
            return resolved;
        }

        @Override
        public boolean isTraceEnabled() {
            return AgentLog.enabled(Level.TRACE);
        }

        @Override
        public void trace(String message) {
            logger().trace(message);
        }

        @Override
        public void trace(String format, Object argument) {
            logger().trace(format, argument);
        }

        @Override
        public void trace(String format, Object first, Object second) {
            logger().trace(format, first, second);
        }

        @Override
        public void trace(String format, Object... arguments) {
            logger().trace(format, arguments);
        }

        @Override
        public void trace(String message, Throwable thrown) {
            logger().trace(message, thrown);
        }

        @Override
        public boolean isDebugEnabled() {
            return AgentLog.enabled(Level.DEBUG);
        }

        @Override
        public void debug(String message) {
            logger().debug(message);
        }

        @Override
        public void debug(String format, Object argument) {
            logger().debug(format, argument);
        }

        @Override
        public void debug(String format, Object first, Object second) {
            logger().debug(format, first, second);
        }

        @Override
        public void debug(String format, Object... arguments) {
            logger().debug(format, arguments);
        }

        @Override
        public void debug(String message, Throwable thrown) {
            logger().debug(message, thrown);
        }

        @Override
        public boolean isInfoEnabled() {
            return AgentLog.enabled(Level.INFO);
        }

        @Override
        public void info(String message) {
            logger().info(message);
        }

        @Override
        public void info(String format, Object argument) {
            logger().info(format, argument);
        }

        @Override
        public void info(String format, Object first, Object second) {
            logger().info(format, first, second);
        }

        @Override
        public void info(String format, Object... arguments) {
            logger().info(format, arguments);
        }

        @Override
        public void info(String message, Throwable thrown) {
            logger().info(message, thrown);
        }

        @Override
        public boolean isWarnEnabled() {
            return AgentLog.enabled(Level.WARN);
        }

        @Override
        public void warn(String message) {
            logger().warn(message);
        }

        @Override
        public void warn(String format, Object argument) {
            logger().warn(format, argument);
        }

        @Override
        public void warn(String format, Object first, Object second) {
            logger().warn(format, first, second);
        }

        @Override
        public void warn(String format, Object... arguments) {
            logger().warn(format, arguments);
        }

        @Override
        public void warn(String message, Throwable thrown) {
            logger().warn(message, thrown);
        }

        @Override
        public boolean isErrorEnabled() {
            return AgentLog.enabled(Level.ERROR);
        }

        @Override
        public void error(String message) {
            logger().error(message);
        }

        @Override
        public void error(String format, Object argument) {
            logger().error(format, argument);
        }

        @Override
        public void error(String format, Object first, Object second) {
            logger().error(format, first, second);
        }

        @Override
        public void error(String format, Object... arguments) {
            logger().error(format, arguments);
        }

        @Override
        public void error(String message, Throwable thrown) {
            logger().error(message, thrown);
        }
    }
}
