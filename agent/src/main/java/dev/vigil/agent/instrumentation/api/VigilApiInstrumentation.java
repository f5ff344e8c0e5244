package dev.vigil.agent.instrumentation.api;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.instrumentation.ClassLoaderHasClass;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code dev.vigil.api.Vigil}, the application's no-op API: with the agent, its methods count events.
 * The jar is the application's, in whatever class loader it uses, so any number of copies work.
 */
public final class VigilApiInstrumentation implements TypeInstrumentation {
    static final String API = "dev.vigil.api.Vigil";
    private static final String PACKAGE = "dev.vigil.agent.instrumentation.api.";

    @Override
    public String name() {
        return "vigil-api";
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, ClassLoader adviceLoader) {
        return builder
                .type(named(API), new ClassLoaderHasClass(API))
                .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                        .advice(named("isActive").and(isStatic()).and(takesArguments(0)), PACKAGE + "IsActiveAdvice"))
                .transform(event("event", true, adviceLoader))
                .transform(event("failure", false, adviceLoader));
    }

    private static AgentBuilder.Transformer event(String method, boolean success, ClassLoader adviceLoader) {
        return new AgentBuilder.Transformer.ForAdvice(Advice.withCustomMapping().bind(Success.class, success))
                .include(adviceLoader)
                .advice(named(method).and(isStatic()).and(takesArguments(1)).and(takesArgument(0, String.class)),
                        PACKAGE + "EventAdvice")
                .advice(named(method).and(isStatic()).and(takesArguments(2)).and(takesArgument(0, String.class))
                        .and(takesArgument(1, String[].class)), PACKAGE + "EventWithAttributesAdvice");
    }
}
