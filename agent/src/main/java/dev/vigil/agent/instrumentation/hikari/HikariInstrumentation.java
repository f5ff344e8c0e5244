package dev.vigil.agent.instrumentation.hikari;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.instrumentation.ClassLoaderHasClass;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * HikariCP, Spring Boot's default pool: the wait for a connection is timed, and the first connection
 * handed out registers the pool's gauges (through its own pool object: no JMX registration needed).
 */
public final class HikariInstrumentation implements TypeInstrumentation {
    private static final String DATA_SOURCE = "com.zaxxer.hikari.HikariDataSource";

    @Override
    public String name() {
        return "hikari";
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, ClassLoader adviceLoader) {
        return builder
                .type(named(DATA_SOURCE), new ClassLoaderHasClass(DATA_SOURCE))
                .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                        .advice(named("getConnection").and(takesArguments(0)),
                                "dev.vigil.agent.instrumentation.hikari.GetConnectionAdvice"));
    }
}
