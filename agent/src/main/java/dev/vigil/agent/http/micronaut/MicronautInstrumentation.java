package dev.vigil.agent.http.micronaut;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Micronaut 4's Netty server, measured in its own pipeline: a request starts where
 * {@code PipeliningServerHandler} hands it to {@code RoutingInBoundHandler#accept}, takes its status from
 * the response the pipeline writes (and the exception Micronaut answered for, from {@code writeResponse}), and
 * ends at {@code responseWritten}, which the pipeline calls once when
 * the response is complete (a streamed one at its last part) or discarded with a closed connection.
 */
public final class MicronautInstrumentation implements TypeInstrumentation {
    private static final String HANDLER = "io.micronaut.http.server.netty.RoutingInBoundHandler";
    private static final String OUTBOUND = "io.micronaut.http.server.netty.handler.PipeliningServerHandler$OutboundAccessImpl";
    private static final String PACKAGE = MicronautInstrumentation.class.getPackageName() + ".";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(HANDLER, OUTBOUND);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(HANDLER), new ClassLoaderHasClass(HANDLER))
                .transform(advice.transformer()
                        .advice(named("accept").and(takesArguments(4))
                                .and(takesArgument(1, named("io.netty.handler.codec.http.HttpRequest"))),
                                PACKAGE + "RequestAcceptedAdvice")
                        .advice(named("writeResponse").and(takesArguments(4)), PACKAGE + "ErrorResponseAdvice")
                        .advice(named("responseWritten").and(takesArguments(1)), PACKAGE + "ResponseWrittenAdvice"))
                .type(named(OUTBOUND), new ClassLoaderHasClass(HANDLER))
                .transform(advice.transformer()
                        .advice(namedOneOf("write", "writeHeadResponse")
                                        .and(takesArgument(0, named("io.netty.handler.codec.http.HttpResponse"))),
                                PACKAGE + "ResponseStartedAdvice"));
    }
}
