package dev.vigil.agent.http.servlet;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.LibraryPackages;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Servlet containers (Tomcat, Jetty, Undertow): {@code Servlet#service} and {@code Filter#doFilter}
 * of every implementation, for one of the two API namespaces. The outermost of these calls sees the
 * whole request, filters included.
 */
public final class ServletInstrumentation implements TypeInstrumentation {
    // Advice is named, never referenced as a class literal: loading it would need the servlet API.
    private final String namespace;
    private final String adviceClass;

    private ServletInstrumentation(String namespace, String adviceClass) {
        this.namespace = namespace;
        this.adviceClass = adviceClass;
    }

    public static ServletInstrumentation jakarta() {
        return new ServletInstrumentation("jakarta.servlet", ADVICE);
    }

    public static ServletInstrumentation javax() {
        return new ServletInstrumentation("javax.servlet", JavaxRewrite.NAME);
    }

    private static final String ADVICE = ServletInstrumentation.class.getPackageName() + ".ServletAdvice";


    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(namespace + ".Servlet", namespace + ".Filter");
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        String request = namespace + ".ServletRequest";
        String response = namespace + ".ServletResponse";
        return builder
                .type(LibraryPackages.outsideLibrariesWithoutServlets().and(not(isInterface()))
                                .and(hasSuperType(named(namespace + ".Servlet").or(named(namespace + ".Filter")))),
                        new ClassLoaderHasClass(namespace + ".Servlet"))
                .transform((namespace.equals("javax.servlet") ? advice.transformer(JavaxRewrite.locator(advice, ADVICE))
                        : advice.transformer())
                        .advice(not(isAbstract())
                                        .and(named("service").and(takesArguments(2))
                                                .or(named("doFilter").and(takesArguments(3))))
                                        .and(takesArgument(0, named(request)))
                                        .and(takesArgument(1, named(response))),
                                adviceClass));
    }
}
