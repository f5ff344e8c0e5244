package dev.vigil.agent.http.vertx;

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
 * The Vert.x HTTP/1.x server (Vert.x 4 and 5), below any framework: plain Vert.x core handlers, Vert.x Web
 * routers and Quarkus all pass through these two classes. The request begins when its head is read, ends when
 * the last byte of its response is written (or its connection fails), and Vert.x Web names its route on the way.
 * Every task Vert.x runs on a request's own context ({@code VertxImpl#beginDispatch}/{@code endDispatch}) runs in
 * the request's trace: the handler, and the callbacks it leaves behind.
 */
public final class VertxServerInstrumentation implements TypeInstrumentation {
    private static final String IMPL = "io.vertx.core.http.impl.";
    private static final String WEB = "io.vertx.ext.web.impl.";
    private static final String PACKAGE = VertxServerInstrumentation.class.getPackageName() + ".";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(IMPL + "Http1xServerRequest", IMPL + "Http1xServerConnection",
                "io.vertx.core.impl.VertxImpl", WEB + "RoutingContextImplBase", WEB + "RoutingContextImpl");
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        ClassLoaderHasClass vertx = new ClassLoaderHasClass(IMPL + "Http1xServerRequest");
        return builder
                .type(named(IMPL + "Http1xServerRequest"), vertx)
                .transform(advice.transformer()
                        .advice(named("handleBegin"), PACKAGE + "RequestBeginAdvice")
                        .advice(named("routed").and(takesArguments(1)).and(takesArgument(0, String.class)),
                                PACKAGE + "RoutedAdvice")
                        .advice(named("handleException").and(takesArguments(1))
                                .and(takesArgument(0, Throwable.class)), PACKAGE + "RequestFailedAdvice"))
                .type(named("io.vertx.core.impl.VertxImpl"), vertx)
                .transform(advice.transformer()
                        .advice(named("beginDispatch").and(takesArguments(1)), PACKAGE + "DispatchBeginAdvice")
                        .advice(named("endDispatch").and(takesArguments(1)), PACKAGE + "DispatchEndAdvice"))
                .type(named(IMPL + "Http1xServerConnection"), vertx)
                .transform(advice.transformer()
                        .advice(named("handleMessage").and(takesArguments(1)), PACKAGE + "DispatchedAdvice")
                        .advice(named("responseComplete").and(takesArguments(0)), PACKAGE + "ResponseCompleteAdvice"))
                // RoutingContext#fail(int, Throwable) runs the failure handlers (Quarkus' among them), and
                // unhandledFailure answers when there is none: either usually ends the response at once.
                .type(namedOneOf(WEB + "RoutingContextImplBase", WEB + "RoutingContextImpl"),
                        new ClassLoaderHasClass(WEB + "RoutingContextImplBase"))
                .transform(advice.transformer()
                        .advice(namedOneOf("unhandledFailure", "fail").and(takesArgument(1, Throwable.class))
                                .and(takesArgument(0, int.class)), PACKAGE + "RouterFailureAdvice"));
    }
}
