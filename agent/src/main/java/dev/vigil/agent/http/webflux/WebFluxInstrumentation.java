package dev.vigil.agent.http.webflux;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Spring WebFlux: the route of each request as its handler mapping matched it. The request itself is
 * timed by the server below WebFlux (Reactor Netty); WebFlux only tells it the route and the error.
 */
public final class WebFluxInstrumentation implements TypeInstrumentation {
    private static final String ADAPTER = "org.springframework.web.server.adapter.HttpWebHandlerAdapter";
    private static final String ADVICE = WebFluxInstrumentation.class.getPackageName() + ".ExchangeCreatedAdvice";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(ADAPTER);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(ADAPTER), new ClassLoaderHasClass(ADAPTER))
                .transform(advice.transformer()
                        .advice(named("createExchange").and(takesArguments(2)), ADVICE));
    }
}
