package dev.vigil.agent.http.jaxrs;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Quarkus REST (RESTEasy Reactive): the resource method a request was matched to, whichever thread then runs
 * it ({@code @Blocking} methods run on a worker, after the event loop has moved on, where the resource-method
 * advice of {@link JaxRsInstrumentation} finds no request), and the sub-resource a locator leads to.
 */
public final class ResteasyReactiveInstrumentation implements TypeInstrumentation {
    private static final String CONTEXT = "org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext";
    private static final String ADVICE = ResteasyReactiveInstrumentation.class.getPackageName() + ".ResourceMatchedAdvice";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(CONTEXT);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(CONTEXT), new ClassLoaderHasClass(CONTEXT))
                .transform(advice.transformer()
                        .advice(named("restart").and(takesArguments(2))
                                .and(takesArgument(0, named("org.jboss.resteasy.reactive.server.mapping.RuntimeResource")))
                                .and(takesArgument(1, boolean.class)), ADVICE));
    }
}
