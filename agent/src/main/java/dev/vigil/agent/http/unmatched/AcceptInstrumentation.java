package dev.vigil.agent.http.unmatched;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The JDK's server sockets ({@code ServerSocket} and the NIO {@code ServerSocketChannel} most servers
 * use): an accepted connection is the sign that the application serves, whatever its server is. Servers on
 * Netty's native transports accept outside the JDK and are not seen here.
 */
public final class AcceptInstrumentation implements TypeInstrumentation {
    private static final List<String> TYPES = List.of("java.net.ServerSocket", "sun.nio.ch.ServerSocketChannelImpl");
    private static final String ADVICE = AcceptInstrumentation.class.getPackageName() + ".AcceptAdvice";

    @Override
    public List<String> jdkTypes() {
        return TYPES;
    }

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(TYPES);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(namedOneOf(TYPES.toArray(new String[0])))
                .transform(advice.transformer()
                        .advice(named("accept").and(takesArguments(0)), ADVICE));
    }
}
