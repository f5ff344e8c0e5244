package dev.vigil.agent.httpclient.apache5;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.LibraryPackages;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Apache HttpClient 5, classic: every {@code execute} overload ends in {@code doExecute(target, request,
 * context)} of the client, which returns once the response's headers arrived.
 */
public final class Apache5Instrumentation implements TypeInstrumentation {
    private static final String CLIENT = "org.apache.hc.client5.http.impl.classic.CloseableHttpClient";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(CLIENT);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                // Known libraries first, by name: walking every class's hierarchy parses their super types, and
                // fails on a class whose super type is missing (Netty's Log4J2Logger without Log4j).
                .type(LibraryPackages.outsideLibrariesWithoutJdbc().and(not(isAbstract())).and(hasSuperType(named(CLIENT))),
                        new ClassLoaderHasClass(CLIENT))
                .transform(advice.transformer()
                        .advice(named("doExecute").and(takesArguments(3)).and(not(isAbstract())),
                                "dev.vigil.agent.httpclient.apache5.ExecuteAdvice"));
    }
}
