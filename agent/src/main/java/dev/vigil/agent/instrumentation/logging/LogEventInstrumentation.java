package dev.vigil.agent.instrumentation.logging;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.instrumentation.ApplicationNames;
import dev.vigil.agent.instrumentation.ClassLoaderHasClass;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Business events marked by a log line: Logback's {@code Logger#callAppenders}, which every event
 * that passed the level check goes through once, whatever the appenders. Installed only when
 * {@code vigil.yaml} declares a log event.
 */
public final class LogEventInstrumentation implements TypeInstrumentation {
    private static final String LOGBACK_LOGGER = ApplicationNames.of("ch:qos:logback:classic:Logger");

    @Override
    public String name() {
        return "log-events";
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, ClassLoader adviceLoader) {
        return builder
                .type(named(LOGBACK_LOGGER), new ClassLoaderHasClass(LOGBACK_LOGGER))
                .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                        .advice(named("callAppenders").and(takesArguments(1)),
                                "dev.vigil.agent.instrumentation.logging.LogbackEventAdvice"));
    }
}
