package dev.vigil.agent.http.ktor;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
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
 * Ktor 2 and 3's server, on any engine (Netty, CIO...): every engine hands each call to its {@code EnginePipeline},
 * so a request is that pipeline's {@code Pipeline#execute}, from its call to the end of the coroutine that runs it.
 * The status is the one the engine's response commits ({@code BaseApplicationResponse#commitHeaders}), the route the
 * node Ktor's routing matched ({@code RoutingPipelineCall}'s; Ktor 2's {@code RoutingApplicationCall}'s), and a
 * handler's exception the one the engine answers ({@code handleFailure}, a 500 unless Ktor maps it to a 4xx).
 */
public final class KtorInstrumentation implements TypeInstrumentation {
    static final String ENGINE_PIPELINE = "io.ktor.server.engine.EnginePipeline";
    private static final String PIPELINE = "io.ktor.util.pipeline.Pipeline";
    private static final String ROUTING_CALL = "io.ktor.server.routing.RoutingPipelineCall";
    /** Ktor 2's, with a {@code Route} where Ktor 3 has a {@code RoutingNode}. */
    private static final String ROUTING_CALL_2 = "io.ktor.server.routing.RoutingApplicationCall";
    private static final String ENGINE_FUNCTIONS = "io.ktor.server.engine.DefaultEnginePipelineKt";
    private static final String RESPONSE = "io.ktor.server.engine.BaseApplicationResponse";
    private static final String CONTINUATION = "kotlin.coroutines.Continuation";
    private static final String PACKAGE = KtorInstrumentation.class.getPackageName() + ".";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(PIPELINE, ROUTING_CALL, ROUTING_CALL_2, ENGINE_FUNCTIONS, RESPONSE);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        // Ktor's client has pipelines too: only a class loader that holds Ktor's server times them.
        ClassLoaderHasClass server = new ClassLoaderHasClass(ENGINE_PIPELINE);
        return builder
                .type(named(PIPELINE), server)
                .transform(advice.transformer().advice(named("execute").and(takesArguments(3))
                        .and(takesArgument(2, named(CONTINUATION))), PACKAGE + "EngineCallAdvice"))
                .type(namedOneOf(ROUTING_CALL, ROUTING_CALL_2), server)
                .transform(advice.transformer().advice(isConstructor().and(takesArguments(6))
                        .and(takesArgument(1, namedOneOf("io.ktor.server.routing.RoutingNode",
                                "io.ktor.server.routing.Route"))), PACKAGE + "RoutedAdvice"))
                .type(named(ENGINE_FUNCTIONS), server)
                .transform(advice.transformer().advice(named("handleFailure").and(takesArguments(3))
                        .and(takesArgument(1, Throwable.class)), PACKAGE + "HandleFailureAdvice"))
                .type(named(RESPONSE), server)
                .transform(advice.transformer().advice(named("commitHeaders").and(takesArguments(1)),
                        PACKAGE + "ResponseCommitAdvice"));
    }
}
