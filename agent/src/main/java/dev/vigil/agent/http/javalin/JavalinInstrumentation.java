package dev.vigil.agent.http.javalin;

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
 * Javalin 6 and 7 on Jetty: the servlet instrumentation times their requests; this names their route and error.
 * Javalin 7 matches each request's endpoints in order (before-handlers, the HTTP endpoint, after-handlers) and
 * records each on the request's context ({@code JavalinServletContext#update}); Javalin 6 does the same with its
 * parsed endpoints, and keeps the HTTP endpoint's path as {@code endpointHandlerPath}. The HTTP endpoint's path, as declared ({@code /users/{id}}), is the
 * route. A handler's exception is answered by Javalin's {@code ExceptionMapper} (the
 * application's exception handlers, else a 500): it is the request's error when the answer is a 5xx.
 */
public final class JavalinInstrumentation implements TypeInstrumentation {
    static final String CONTEXT = "io.javalin.http.servlet.JavalinServletContext";
    static final String EXCEPTIONS = "io.javalin.router.exception.ExceptionMapper";
    private static final String ENDPOINT = "io.javalin.router.Endpoint";
    private static final String PACKAGE = JavalinInstrumentation.class.getPackageName() + ".";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(CONTEXT, EXCEPTIONS);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        ClassLoaderHasClass javalin = new ClassLoaderHasClass(ENDPOINT);
        return builder
                .type(named(CONTEXT), javalin)
                .transform(advice.transformer()
                        .advice(named("update").and(takesArguments(2)).and(takesArgument(0, named(ENDPOINT))),
                                PACKAGE + "EndpointMatchedAdvice")
                        .advice(named("update").and(takesArguments(2))
                                .and(takesArgument(0, named("io.javalin.router.ParsedEndpoint"))),
                                PACKAGE + "EndpointPathAdvice"))
                .type(named(EXCEPTIONS), javalin)
                .transform(advice.transformer().advice(namedOneOf("handle$javalin", "handle").and(takesArguments(2))
                        .and(takesArgument(1, Throwable.class)), PACKAGE + "ExceptionAdvice"));
    }
}
