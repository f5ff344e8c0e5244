package dev.vigil.agent.http.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.LibraryPackages;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The JDK's {@code com.sun.net.httpserver}. Every exchange runs through {@code Filter.Chain#doFilter},
 * which covers handlers written as lambdas (hidden classes, which cannot be instrumented); handler
 * classes are matched too, for other implementations of the HttpServer API. The bridge's nesting
 * guard counts the outermost call once. The agent's own endpoint is an HttpServer too; its contexts carry
 * {@code AgentThread.ENDPOINT_CONTEXT} and are skipped.
 */
public final class JdkHttpServerInstrumentation implements TypeInstrumentation {
    public static final String FILTER_CHAIN = "com.sun.net.httpserver.Filter$Chain";
    private static final String ADVICE = "dev.vigil.agent.http.jdkhttp.HttpHandlerAdvice";

    @Override
    public List<String> jdkTypes() {
        return List.of(FILTER_CHAIN);
    }


    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(FILTER_CHAIN, "com.sun.net.httpserver.HttpHandler");
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(FILTER_CHAIN).or(LibraryPackages.outsideLibrariesWithoutJdbc().and(not(isInterface()))
                        .and(hasSuperType(named("com.sun.net.httpserver.HttpHandler")))))
                .transform(advice.transformer()
                        .advice(namedOneOf("handle", "doFilter").and(not(isAbstract())).and(takesArguments(1))
                                        .and(takesArgument(0, named("com.sun.net.httpserver.HttpExchange"))),
                                ADVICE));
    }
}
