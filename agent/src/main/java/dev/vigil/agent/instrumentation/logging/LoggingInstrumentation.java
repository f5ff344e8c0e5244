package dev.vigil.agent.instrumentation.logging;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.instrumentation.ApplicationNames;
import dev.vigil.agent.instrumentation.ClassLoaderHasClass;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/** Trace IDs in the application's own logs: Logback's MDC and Log4j2's context data. */
public final class LoggingInstrumentation implements TypeInstrumentation {
    private static final String LOGBACK_EVENT = ApplicationNames.of("ch:qos:logback:classic:spi:LoggingEvent");

    @Override
    public String name() {
        return "logging";
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, ClassLoader adviceLoader) {
        return builder
                .type(named(LOGBACK_EVENT), new ClassLoaderHasClass(LOGBACK_EVENT))
                .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                        .advice(named("getMDCPropertyMap").and(takesArguments(0)),
                                "dev.vigil.agent.instrumentation.logging.LogbackMdcAdvice"))
                .type(not(isInterface()).and(hasSuperType(named("org.apache.logging.log4j.core.ContextDataInjector"))),
                        new ClassLoaderHasClass("org.apache.logging.log4j.core.ContextDataInjector"))
                .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                        .advice(named("injectContextData").and(not(isAbstract())).and(takesArguments(2)),
                                "dev.vigil.agent.instrumentation.logging.Log4jContextDataAdvice"));
    }
}
