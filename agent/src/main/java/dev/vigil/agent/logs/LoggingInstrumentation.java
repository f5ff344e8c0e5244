package dev.vigil.agent.logs;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ApplicationNames;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/** Trace IDs in the application's own logs: Logback's MDC, Log4j2's context data, JBoss LogManager's MDC. */
public final class LoggingInstrumentation implements TypeInstrumentation {
    private static final String JBOSS_RECORD = "org.jboss.logmanager.ExtLogRecord";
    private static final String LOGBACK_EVENT = ApplicationNames.of("ch:qos:logback:classic:spi:LoggingEvent");


    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(LOGBACK_EVENT, "org.apache.logging.log4j.core.ContextDataInjector", JBOSS_RECORD);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(LOGBACK_EVENT), new ClassLoaderHasClass(LOGBACK_EVENT))
                .transform(advice.transformer()
                        .advice(named("getMDCPropertyMap").and(takesArguments(0)),
                                "dev.vigil.agent.logs.LogbackMdcAdvice"))
                .type(not(isInterface()).and(hasSuperType(named("org.apache.logging.log4j.core.ContextDataInjector"))),
                        new ClassLoaderHasClass("org.apache.logging.log4j.core.ContextDataInjector"))
                .transform(advice.transformer()
                        .advice(named("injectContextData").and(not(isAbstract())).and(takesArguments(2)),
                                "dev.vigil.agent.logs.Log4jContextDataAdvice"))
                // JBoss LogManager (Quarkus, WildFly): a format's %X{trace_id} reads ExtLogRecord#getMdc; a record
                // handed to another thread (an async handler) carries the copy copyMdc made on the logging thread.
                .type(named(JBOSS_RECORD), new ClassLoaderHasClass(JBOSS_RECORD))
                .transform(advice.transformer()
                        .advice(named("getMdc").and(takesArguments(1)).and(takesArgument(0, String.class)),
                                "dev.vigil.agent.logs.JBossMdcAdvice")
                        .advice(named("copyMdc").and(takesArguments(0)), "dev.vigil.agent.logs.JBossMdcCopyAdvice"));
    }
}
