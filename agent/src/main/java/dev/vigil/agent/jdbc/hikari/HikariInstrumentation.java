package dev.vigil.agent.jdbc.hikari;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * HikariCP, Spring Boot's default pool: the wait for a connection is timed, and the first connection
 * handed out registers the pool's gauges (through its own pool object: no JMX registration needed).
 */
public final class HikariInstrumentation implements TypeInstrumentation {
    private static final String DATA_SOURCE = "com.zaxxer.hikari.HikariDataSource";


    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(DATA_SOURCE);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(DATA_SOURCE), new ClassLoaderHasClass(DATA_SOURCE))
                .transform(advice.transformer()
                        .advice(named("getConnection").and(takesArguments(0)),
                                "dev.vigil.agent.jdbc.hikari.GetConnectionAdvice"));
    }
}
