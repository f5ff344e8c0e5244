package dev.vigil.agent.traces.reactor;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Project Reactor's schedulers, so the current span follows a reactive chain onto the threads it moves to:
 * {@code publishOn}, {@code subscribeOn}, {@code Mono.delay}, {@code Flux.interval}, {@code delayElements}.
 * They give every task to {@code Schedulers#onSchedule} (Reactor's own decoration point) before running it,
 * whatever executor is underneath, so one small hook covers them all.
 */
public final class ReactorSchedulersInstrumentation implements TypeInstrumentation {
    private static final String SCHEDULERS = "reactor.core.scheduler.Schedulers";
    private static final String ADVICE = ReactorSchedulersInstrumentation.class.getPackageName() + ".ScheduleAdvice";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(SCHEDULERS);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(SCHEDULERS), new ClassLoaderHasClass(SCHEDULERS))
                .transform(advice.transformer()
                        .advice(named("onSchedule").and(takesArguments(1)), ADVICE));
    }
}
