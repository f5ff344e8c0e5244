package dev.vigil.agent.events.logback;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ApplicationNames;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Business events marked by a log line: Logback's {@code Logger#callAppenders}, which every event
 * that passed the level check goes through once, whatever the appenders. Installed only when
 * {@code vigil.yaml} declares a log event.
 */
public final class LogEventInstrumentation implements TypeInstrumentation {
    private static final String LOGBACK_LOGGER = ApplicationNames.of("ch:qos:logback:classic:Logger");


    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(LOGBACK_LOGGER);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(LOGBACK_LOGGER), new ClassLoaderHasClass(LOGBACK_LOGGER))
                .transform(advice.transformer()
                        .advice(named("callAppenders").and(takesArguments(1)),
                                "dev.vigil.agent.events.logback.LogbackEventAdvice"));
    }
}
