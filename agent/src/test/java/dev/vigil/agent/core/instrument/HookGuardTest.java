package dev.vigil.agent.core.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.bridge.HookErrors;
import dev.vigil.agent.core.metrics.AgentErrors;
import dev.vigil.agent.http.HttpServerRecorder;
import dev.vigil.agent.http.bridge.HttpServerHooks;
import dev.vigil.agent.jdbc.ExecuteSqlAdvice;
import dev.vigil.agent.jdbc.JdbcRecorder;
import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hooks are the only agent code that runs inside application calls, and the one guard around them is
 * the exception handler {@link AdviceSource} inlines with the advice: shown here on real advice inlined
 * into a class, as the agent does it.
 */
class HookGuardTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Stands in for a driver's statement: the JDBC advice only needs {@code execute(String)}. */
    public static class Statement {
        public boolean execute(String sql) {
            return true;
        }
    }

    @BeforeEach
    void reportToThisRegistry() {
        HookErrors.reportTo(new AgentErrors(registry)::report);
    }

    @AfterEach
    void uninstall() {
        JdbcHooks.SLOT.set(null);
        HttpServerHooks.SLOT.set(null);
        HookErrors.reportTo(null);
    }

    @Test
    void aFailureInsideTheAgentIsSwallowedCountedUnderTheFeatureAndTheNextCallWorks() throws Exception {
        Object statement = instrumented(Statement.class, "jdbc").getDeclaredConstructor().newInstance();
        JdbcHooks.SLOT.set(new JdbcHooks() {
            @Override
            public Object start(Object statement, String sql) {
                throw new IllegalStateException("a bug in the agent");
            }
        });

        assertThat(statement.getClass().getMethod("execute", String.class).invoke(statement, "select 1")).isEqualTo(true);
        assertThat(registry.get("vigil.agent.errors").tag("component", "jdbc").counter().count()).isEqualTo(1);

        JdbcHooks.SLOT.set(new JdbcRecorder(registry, 10));
        statement.getClass().getMethod("execute", String.class).invoke(statement, "select * from owners");
        assertThat(registry.get("db.client.operation.duration").tag("db.collection.name", "owners").timer().count())
                .isEqualTo(1);
    }

    @Test
    void anAsyncListenerThatCannotBeMadeLeavesTheRequestToBeEndedNormally() {
        HttpServerRecorder hooks = new HttpServerRecorder(registry, 10);
        Object request = hooks.start("GET", "/async", null, null);
        // String is no AsyncListener: making the listener fails inside the agent.
        Object listener = hooks.async(request, null, String.class, new Object());
        assertThat(listener).isNull();
        hooks.end(request, null, 200, null);

        assertThat(registry.get("vigil.agent.errors").tag("component", "http").counter().count()).isEqualTo(1);
        assertThat(registry.get("http.server.request.duration").tag("http.route", "/async").timer().count())
                .isEqualTo(1);
    }

    @Test
    void switchedOffFeaturesLeaveNoOpHooks() throws Exception {
        assertThat(HttpServerHooks.SLOT.get().start("GET", "/", null, null)).isNull();
        assertThat(JdbcHooks.SLOT.get().start(new Object(), "select 1")).isNull();
        HttpServerHooks.SLOT.get().end(null, null, 200, null);
        JdbcHooks.SLOT.get().end(null, null);
        Object statement = instrumented(Statement.class, "jdbc").getDeclaredConstructor().newInstance();
        statement.getClass().getMethod("execute", String.class).invoke(statement, "select 1");
        assertThat(registry.getMeters()).isEmpty();
    }

    /** {@code type} with the JDBC advice inlined as the agent inlines it, in a class loader of its own. */
    private static Class<?> instrumented(Class<?> type, String feature) {
        AdviceSource source = new AdviceSource(HookGuardTest.class.getClassLoader(), feature);
        DynamicType.Builder<?> builder = source.transformer().advice(named("execute"), ExecuteSqlAdvice.class.getName())
                .transform(new ByteBuddy().redefine(type), TypeDescription.ForLoadedType.of(type),
                        type.getClassLoader(), null, null);
        return builder.make().load(new ClassLoader(HookGuardTest.class.getClassLoader()) {
        }, ClassLoadingStrategy.Default.CHILD_FIRST).getLoaded();
    }
}
