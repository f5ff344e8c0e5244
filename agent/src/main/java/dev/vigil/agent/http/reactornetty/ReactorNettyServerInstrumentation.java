package dev.vigil.agent.http.reactornetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Reactor Netty's HTTP server (Spring WebFlux's default server), measured at the server itself: its
 * per-request {@code HttpServerOperations} starts a request when the request line arrives and ends it
 * when Reactor Netty terminates the operations, once, after the last response frame is written or the
 * connection closed. Streaming answers (a {@code Flux}, server-sent events) and delayed ones are so timed to
 * their end, whatever thread produced them.
 */
public final class ReactorNettyServerInstrumentation implements TypeInstrumentation {
    public static final String OPERATIONS = "reactor.netty.http.server.HttpServerOperations";
    private static final String PACKAGE = ReactorNettyServerInstrumentation.class.getPackageName() + ".";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(OPERATIONS);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(OPERATIONS), new ClassLoaderHasClass(OPERATIONS))
                .transform(advice.transformer()
                        .advice(named("onInboundNext").and(takesArguments(2)), PACKAGE + "RequestArrivedAdvice")
                        .advice(named("afterInboundComplete").and(takesArguments(0)), PACKAGE + "ResponseEndedAdvice")
                        .advice(named("onInboundClose").and(takesArguments(0)), PACKAGE + "ConnectionClosedAdvice"));
    }
}
