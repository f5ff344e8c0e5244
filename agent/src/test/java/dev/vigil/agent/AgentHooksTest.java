package dev.vigil.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.agent.http.HttpServerRecorder;
import dev.vigil.agent.jdbc.JdbcRecorder;
import dev.vigil.agent.metrics.AgentErrors;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The hooks are the only agent code that runs inside application calls: nothing may escape them. */
class AgentHooksTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AgentHooks hooks = new AgentHooks(new HttpServerRecorder(registry, 10),
            new JdbcRecorder(registry, 10), new AgentErrors(registry));

    @Test
    void aFailureInsideTheAgentIsSwallowedCountedAndTheNextCallWorks() {
        // A statement that is not there makes the recorder fail while it finishes the call.
        assertThatCode(() -> {
            Object call = hooks.jdbcStart(null, "select 1");
            hooks.jdbcEnd(call, null);
        }).doesNotThrowAnyException();
        assertThat(registry.get("vigil.agent.errors").tag("component", "jdbc").counter().count()).isEqualTo(1);

        // The per-thread state was left clean: the next query on this thread is recorded normally.
        Object call = hooks.jdbcStart(new Object(), "select * from owners");
        hooks.jdbcEnd(call, null);
        assertThat(registry.get("db.client.operation.duration").tag("db.collection.name", "owners").timer().count())
                .isEqualTo(1);
    }

    @Test
    void anAsyncListenerThatCannotBeMadeLeavesTheRequestToBeEndedNormally() {
        Object request = hooks.httpStart("GET", "/async", null, null);
        // String is no AsyncListener: making the listener fails inside the agent.
        Object listener = hooks.httpAsync(request, null, String.class, new Object());
        assertThat(listener).isNull();
        hooks.httpEnd(request, null, 200, null);

        assertThat(registry.get("vigil.agent.errors").tag("component", "http-async").counter().count()).isEqualTo(1);
        assertThat(registry.get("http.server.request.duration").tag("http.route", "/async").timer().count())
                .isEqualTo(1);
    }

    @Test
    void switchedOffRecordersMakeEveryHookANoOp() {
        SimpleMeterRegistry empty = new SimpleMeterRegistry();
        AgentHooks off = new AgentHooks(null, null, new AgentErrors(empty));
        assertThat(off.httpStart("GET", "/", null, null)).isNull();
        assertThat(off.jdbcStart(new Object(), "select 1")).isNull();
        off.httpEnd(null, null, 200, null);
        off.jdbcEnd(null, null);
        assertThat(empty.getMeters()).isEmpty();
    }
}
