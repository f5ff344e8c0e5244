package dev.vigil.agent.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.common.util.internal.logging.InternalLogger;
import io.micrometer.common.util.internal.logging.InternalLoggerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MicrometerLogTest {
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private InternalLoggerFactory before;

    @BeforeEach
    void install() {
        before = InternalLoggerFactory.getDefaultFactory();
        MicrometerLog.install();
        lines.setContext(AgentLog.context());
        lines.start();
        AgentLog.context().getLogger(Logger.ROOT_LOGGER_NAME).addAppender(lines);
    }

    @AfterEach
    void restore() {
        AgentLog.context().getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(lines);
        InternalLoggerFactory.setDefaultFactory(before);
    }

    @Test
    void micrometersLinesReachTheAgentsLogUnderTheLibrarysName() {
        InternalLogger logger = InternalLoggerFactory.getInstance("dev.vigil.agent.shaded.micrometer.core.instrument.MeterRegistry");

        IllegalStateException failure = new IllegalStateException("boom");
        failure.setStackTrace(new StackTraceElement[0]);
        logger.warn("a {} of {}", "meter", 3);
        logger.error("failed", failure);
        logger.debug("below the agent's level");

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("a meter of 3", "failed");
        assertThat(lines.list).extracting(ILoggingEvent::getLoggerName).containsOnly("io.micrometer.core.instrument.MeterRegistry");
        assertThat(lines.list.get(1).getThrowableProxy().getMessage()).isEqualTo("boom");
        assertThat(logger.isWarnEnabled()).isTrue();
        assertThat(logger.isDebugEnabled()).isFalse();
    }
}
