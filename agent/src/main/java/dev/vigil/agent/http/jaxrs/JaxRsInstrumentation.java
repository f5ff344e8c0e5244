package dev.vigil.agent.http.jaxrs;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;

/**
 * JAX-RS resource classes ({@code @Path}, javax or jakarta; Jersey, RESTEasy, CXF): each resource
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
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(new TemplateMapping());
        return builder
                .type(not(isInterface()).and(isAnnotatedWith(named(namespace + ".Path"))),
                        new ClassLoaderHasClass(namespace + ".Path"))
                .transform(advice.transformer(mapping)
                        .advice(not(isAbstract())
                                        .and(isAnnotatedWith(isAnnotatedWith(named(namespace + ".HttpMethod")))),
                                ADVICE));
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
