package dev.vigil.agent.events.log4j;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Business events marked by a Log4j2 log line. Every line that passed the logger's level check reaches
 * the configuration once through the logger config's {@code ReliabilityStrategy#log} (one of its three
 * forms), whatever the appenders and however deep the additivity chain; the strategies do not call
 * each other. Installed only when {@code vigil.yaml} declares a log event.
 */
public final class Log4jEventInstrumentation implements TypeInstrumentation {
    private static final String STRATEGY = "org.apache.logging.log4j.core.config.ReliabilityStrategy";
    private static final String PACKAGE = Log4jEventInstrumentation.class.getPackageName() + ".";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(STRATEGY);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(not(isInterface()).and(hasSuperType(named(STRATEGY))), new ClassLoaderHasClass(STRATEGY))
                .transform(advice.transformer()
                        .advice(named("log").and(not(isAbstract())).and(takesArguments(7))
                                        .and(takesArgument(1, String.class))
                                        .and(takesArgument(4, named("org.apache.logging.log4j.Level"))),
                                PACKAGE + "Log4jLineAdvice")
                        .advice(named("log").and(not(isAbstract())).and(takesArguments(8))
                                        .and(takesArgument(3, StackTraceElement.class))
                                        .and(takesArgument(5, named("org.apache.logging.log4j.Level"))),
                                PACKAGE + "Log4jLocatedLineAdvice")
                        .advice(named("log").and(not(isAbstract())).and(takesArguments(2))
                                        .and(takesArgument(1, named("org.apache.logging.log4j.core.LogEvent"))),
                                PACKAGE + "Log4jEventAdvice"));
    }
}
