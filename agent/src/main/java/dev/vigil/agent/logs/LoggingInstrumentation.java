package dev.vigil.agent.logs;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ApplicationNames;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/** Trace IDs in the application's own logs: Logback's MDC and Log4j2's context data. */
public final class LoggingInstrumentation implements TypeInstrumentation {
    private static final String LOGBACK_EVENT = ApplicationNames.of("ch:qos:logback:classic:spi:LoggingEvent");


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
                                "dev.vigil.agent.logs.Log4jContextDataAdvice"));
    }
}
