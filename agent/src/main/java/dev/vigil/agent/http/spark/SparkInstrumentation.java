package dev.vigil.agent.http.spark;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Spark Java (2.x) on its embedded Jetty: the servlet instrumentation times its requests; this names their route and
 * error. Spark finds the route of a request's method and path ({@code Routes#find}; before- and after-filters are
 * found by {@code findMultiple}): its path, as declared ({@code /orders/:id}), is the route. A handler's exception is
 * answered by Spark ({@code GeneralError#modify}: the application's exception handler, else a 500): it is the
 * request's error when the answer is a 5xx.
 */
public final class SparkInstrumentation implements TypeInstrumentation {
    static final String ROUTES = "spark.route.Routes";
    static final String GENERAL_ERROR = "spark.http.matching.GeneralError";
    private static final String PACKAGE = SparkInstrumentation.class.getPackageName() + ".";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(ROUTES, GENERAL_ERROR);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        ClassLoaderHasClass spark = new ClassLoaderHasClass(ROUTES);
        return builder
                .type(named(ROUTES), spark)
                .transform(advice.transformer().advice(named("find").and(takesArguments(3)), PACKAGE + "RouteFoundAdvice"))
                .type(named(GENERAL_ERROR), spark)
                .transform(advice.transformer().advice(named("modify").and(takesArguments(7))
                        .and(takesArgument(6, Exception.class)), PACKAGE + "ExceptionAdvice"));
    }
}
