package dev.vigil.agent.events.api;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code dev.vigil.api.Vigil}, the application's no-op API: with the agent, its methods count events.
 * The jar is the application's, in whatever class loader it uses, so any number of copies work.
 */
public final class VigilApiInstrumentation implements TypeInstrumentation {
    static final String API = "dev.vigil.api.Vigil";
    private static final String PACKAGE = VigilApiInstrumentation.class.getPackageName() + ".";


    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(API);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(API), new ClassLoaderHasClass(API))
                .transform(advice.transformer()
                        .advice(named("isActive").and(isStatic()).and(takesArguments(0)), PACKAGE + "IsActiveAdvice"))
                .transform(event("event", true, advice))
                .transform(event("failure", false, advice));
    }

    private static AgentBuilder.Transformer event(String method, boolean success, AdviceSource advice) {
        return advice.transformer(Advice.withCustomMapping().bind(Success.class, success))
                .advice(named(method).and(isStatic()).and(takesArguments(1)).and(takesArgument(0, String.class)),
                        PACKAGE + "EventAdvice")
                .advice(named(method).and(isStatic()).and(takesArguments(2)).and(takesArgument(0, String.class))
                        .and(takesArgument(1, String[].class)), PACKAGE + "EventWithAttributesAdvice");
    }
}
