package dev.vigil.agent.http.jooby;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import java.util.concurrent.Executor;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Jooby 3: every server hands each request to the router's match ({@code RouterMatch#execute};
 * {@code StaticRouterMatch}'s for a route without path variables), with the route it matched. On Jooby's servlet (its
 * Jetty server) the servlet instrumentation times the request and this names its route; on its Netty and Undertow
 * servers the request starts there and ends when Jooby has sent the response (a completion listener on the
 * context), current on the worker thread each server's context dispatches its handler to. A handler's exception is
 * answered by {@code DefaultContext#sendError}: it is the request's error when the answer is a 5xx.
 */
public final class JoobyInstrumentation implements TypeInstrumentation {
    private static final String MATCH = "io.jooby.internal.RouterMatch";
    private static final String STATIC_MATCH = "io.jooby.internal.StaticRouterMatch";
    private static final String CONTEXT = "io.jooby.DefaultContext";
    /** Each server's context: {@code dispatch(Executor, Runnable)} hands a request's handler to a worker. */
    private static final String[] SERVER_CONTEXTS = {"io.jooby.internal.netty.NettyContext",
        "io.jooby.internal.undertow.UndertowContext", "io.jooby.internal.jetty.JettyContext"};
    private static final String PACKAGE = JoobyInstrumentation.class.getPackageName() + ".";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(MATCH, STATIC_MATCH, CONTEXT, SERVER_CONTEXTS[0], SERVER_CONTEXTS[1],
                SERVER_CONTEXTS[2]);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        ClassLoaderHasClass jooby = new ClassLoaderHasClass(MATCH);
        return builder
                .type(namedOneOf(MATCH, STATIC_MATCH), jooby)
                .transform(advice.transformer().advice(named("execute").and(takesArguments(2))
                        .and(takesArgument(0, named("io.jooby.Context"))), PACKAGE + "RouteMatchAdvice"))
                .type(named(CONTEXT), jooby)
                .transform(advice.transformer().advice(named("sendError").and(takesArguments(2))
                        .and(takesArgument(0, Throwable.class)), PACKAGE + "SendErrorAdvice"))
                .type(namedOneOf(SERVER_CONTEXTS), jooby)
                .transform(advice.transformer().advice(named("dispatch").and(takesArguments(2))
                        .and(takesArgument(0, Executor.class)).and(takesArgument(1, Runnable.class)),
                        PACKAGE + "DispatchAdvice"));
    }
}
