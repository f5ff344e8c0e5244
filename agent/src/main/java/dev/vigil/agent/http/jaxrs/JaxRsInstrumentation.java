package dev.vigil.agent.http.jaxrs;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.LibraryPackages;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JAX-RS resource classes ({@code @Path} on the class or on an interface it implements, javax or jakarta;
 * Jersey, RESTEasy, CXF): each resource
 * method reports its template, so {@code /orders/42} is recorded as {@code /orders/{id}} exactly as the
 * application declared it. The template is computed once, when the class is instrumented, and inlined
 * as a string constant.
 */
public final class JaxRsInstrumentation implements TypeInstrumentation {
    private static final String ADVICE = "dev.vigil.agent.http.jaxrs.ResourceMethodAdvice";
    private final String namespace;

    private JaxRsInstrumentation(String namespace) {
        this.namespace = namespace;
    }

    public static JaxRsInstrumentation jakarta() {
        return new JaxRsInstrumentation("jakarta.ws.rs");
    }

    public static JaxRsInstrumentation javax() {
        return new JaxRsInstrumentation("javax.ws.rs");
    }


    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named().orAnnotatedWith(namespace + ".Path");
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(new TemplateMapping());
        ElementMatcher.Junction<TypeDescription> path = isAnnotatedWith(named(namespace + ".Path"));
        return builder
                .type(not(isInterface()).and(path.or(LibraryPackages.outsideLibrariesWithoutJdbc()
                                .and(hasSuperType(isInterface().and(path))))),
                        new ClassLoaderHasClass(namespace + ".Path"))
                .transform(advice.transformer(mapping)
                        .advice(not(isAbstract())
                                        .and(isAnnotatedWith(isAnnotatedWith(named(namespace + ".HttpMethod")))
                                                .or(new InheritsResourceMethod())),
                                ADVICE));
    }

    /** A method with no JAX-RS annotation of its own that implements an annotated interface method. */
    private static final class InheritsResourceMethod extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
        @Override
        public boolean matches(MethodDescription method) {
            return JaxRsRoutes.inheritedResourceMethod(method.getDeclaringType().asErasure(), method) != null;
        }
    }

    /** Binds {@link RouteTemplate} to the instrumented method's template, as a constant. */
    private static final class TemplateMapping implements Advice.OffsetMapping.Factory<RouteTemplate> {
        @Override
        public Class<RouteTemplate> getAnnotationType() {
            return RouteTemplate.class;
        }

        @Override
        public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
                                         AnnotationDescription.Loadable<RouteTemplate> annotation,
                                         AdviceType adviceType) {
            return new Advice.OffsetMapping() {
                @Override
                public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
                                      Assigner assigner, Advice.ArgumentHandler argumentHandler, Sort sort) {
                    return new Target.ForStackManipulation(
                            new TextConstant(JaxRsRoutes.template(instrumentedType, instrumentedMethod)));
                }
            };
        }
    }
}
