package dev.vigil.agent.traces.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Netty's event loops, so the current span follows work that another thread hands to a connection's event
 * loop: a reactive answer produced on a scheduler thread is written there, and the demand for the next
 * element of a stream comes back from there. Without it, the rest of a streamed answer would run
 * without the request's trace.
 */
public final class EventLoopInstrumentation implements TypeInstrumentation {
    private static final String EXECUTOR = "io.netty.util.concurrent.SingleThreadEventExecutor";
    private static final String ADVICE = "dev.vigil.agent.traces.executor.TaskSubmitAdvice";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(EXECUTOR);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(EXECUTOR), new ClassLoaderHasClass(EXECUTOR))
                .transform(advice.transformer()
                        .advice(namedOneOf("execute", "lazyExecute").and(takesArguments(1))
                                .and(takesArgument(0, Runnable.class)), ADVICE));
    }
}
