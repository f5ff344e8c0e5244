package dev.vigil.agent.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentLogTest {

    @AfterEach
    void backToTheDefault() {
        AgentLog.configure("info", null);
    }

    @Test
    void theConfiguredLevelIsTheLogsWhetherItWasBuiltBeforeOrAfter() {
        AgentLog.configure("warn", null);
        assertThat(AgentLog.enabled(Level.INFO)).isFalse();
        assertThat(AgentLog.enabled(Level.WARN)).isTrue();
        assertThat(AgentLog.context().getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);

        AgentLog.configure("debug", null);
        assertThat(AgentLog.isDebugEnabled()).isTrue();
        assertThat(AgentLog.context().getLogger("dev.vigil.agent").isDebugEnabled()).isTrue();

        AgentLog.configure("no such level", null);
        assertThat(AgentLog.isDebugEnabled()).as("an unknown level is info").isFalse();
        assertThat(AgentLog.enabled(Level.INFO)).isTrue();
    }
}
