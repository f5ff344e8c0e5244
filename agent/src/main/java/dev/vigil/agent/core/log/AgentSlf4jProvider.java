package dev.vigil.agent.core.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Binds the shaded SLF4J (used inside Micrometer and others) to the agent's own LoggerContext.
 * Logback's own provider is left out of the jar: it would auto-configure from the application's
 * logback.xml, or print debug lines on the application's stdout.
 */
public final class AgentSlf4jProvider implements SLF4JServiceProvider {
    private final IMarkerFactory markers = new BasicMarkerFactory();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return AgentLog.context();
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return AgentLog.context().getMDCAdapter();
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // The context is built by AgentLog; nothing to read from the class path.
    }
}
