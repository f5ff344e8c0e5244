package dev.vigil.agent.events.method;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import dev.vigil.agent.events.Pointcut;
import dev.vigil.agent.events.Pointcuts;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Methods named in {@code vigil.yaml} ({@code method: "com.shop.OrderService#placeOrder"}) and by
 * extensions: the exact class only, so a subclass proxy (Spring's CGLIB) that calls the method through
 * {@code super} does not count it twice.
 */
public final class MethodInstrumentation implements TypeInstrumentation {
    private static final String TIMED = MethodInstrumentation.class.getPackageName() + ".TimedMethodAdvice";
    private static final String LISTENER = MethodInstrumentation.class.getPackageName() + ".ListenerMethodAdvice";
    private final Pointcuts pointcuts;

    /** {@code pointcuts}: complete when the instrumentation is installed (extensions add theirs before that). */
    public MethodInstrumentation(Pointcuts pointcuts) {
        this.pointcuts = pointcuts;
    }


    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(pointcuts.all().stream().map(Pointcut::className).toList());
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        for (Pointcut pointcut : pointcuts.all()) {
            ElementMatcher.Junction<MethodDescription> methods = named(pointcut.methodName()).and(not(isAbstract()));
            builder = builder
                    .type(named(pointcut.className()).and(not(isInterface())))
                    .transform((type, typeDescription, classLoader, module, domain) -> {
                        pointcuts.matched(pointcut, typeDescription.getDeclaredMethods().filter(methods).size());
                        return type;
                    })
                    .transform(advice.transformer(
                                    Advice.withCustomMapping().bind(PointcutId.class, pointcut.id()))
                            .advice(methods, pointcut.listener().wantsArguments() ? LISTENER : TIMED));
        }
        return builder;
    }
}
