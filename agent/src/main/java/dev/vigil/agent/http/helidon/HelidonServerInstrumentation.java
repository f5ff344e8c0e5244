package dev.vigil.agent.http.helidon;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Helidon SE 4's web server (its own, on virtual threads, HTTP/1.1 and HTTP/2 alike): every request is routed by
 * {@code HttpRoutingImpl#route}, filters and error handling included, so that call is the request, from its head
 * read to its response answered. Helidon names the route it matched ({@code ServerRequest#matchingPattern}). A
 * handler's exception is answered inside that call ({@code ErrorHandlers#handleError}): it is the request's error
 * when the answer is a 5xx.
 */
public final class HelidonServerInstrumentation implements TypeInstrumentation {
    static final String ROUTING = "io.helidon.webserver.http.HttpRoutingImpl";
    static final String ERRORS = "io.helidon.webserver.http.ErrorHandlers";
    private static final String PACKAGE = HelidonServerInstrumentation.class.getPackageName() + ".";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(ROUTING, ERRORS);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(ROUTING), new ClassLoaderHasClass(ROUTING))
                .transform(advice.transformer().advice(named("route").and(takesArguments(3)), PACKAGE + "RouteAdvice"))
                .type(named(ERRORS), new ClassLoaderHasClass(ROUTING))
                .transform(advice.transformer().advice(named("handleError").and(takesArguments(4))
                        .and(takesArgument(3, Throwable.class)), PACKAGE + "HandleErrorAdvice"));
    }
}
