package dev.vigil.agent.traces.executor;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The JDK's executors, so the current span follows work the application hands to a thread pool:
 * {@code ThreadPoolExecutor} (and {@code submit}, which goes through {@code execute}), the one-shot tasks of
 * {@code ScheduledThreadPoolExecutor}, {@code ForkJoinPool},
 * and {@code CompletableFuture}'s own executor on small machines. These are JDK classes, loaded before
 * the agent: they are retransformed. And JBoss Threads' {@code EnhancedQueueExecutor}, Quarkus' worker pool.
 */
public final class ExecutorInstrumentation implements TypeInstrumentation {
    public static final List<String> TYPES = List.of(
            "java.util.concurrent.ThreadPoolExecutor",
            "java.util.concurrent.ScheduledThreadPoolExecutor",
            "java.util.concurrent.ForkJoinPool",
            "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor",
            "java.util.concurrent.FutureTask",
            "java.util.concurrent.ForkJoinTask",
            "java.util.concurrent.CompletableFuture$AsyncSupply",
            "java.util.concurrent.CompletableFuture$AsyncRun");
    private static final String PACKAGE = ExecutorInstrumentation.class.getPackageName() + ".";
    private static final String JBOSS_THREADS_POOL = "org.jboss.threads.EnhancedQueueExecutor";
    private static final String SUBMIT = "dev.vigil.agent.traces.executor.TaskSubmitAdvice";
    private static final String RUN = "dev.vigil.agent.traces.executor.TaskRunAdvice";

    @Override
    public List<String> jdkTypes() {
        return TYPES;
    }


    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(java.util.stream.Stream.concat(TYPES.stream(), java.util.stream.Stream.of(JBOSS_THREADS_POOL)).toList());
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named("java.util.concurrent.ThreadPoolExecutor"))
                .transform(advice.transformer()
                        .advice(named("execute").and(takesArguments(1)).and(takesArgument(0, Runnable.class)), PACKAGE + "PoolExecuteAdvice")
                        .advice(named("beforeExecute").and(takesArguments(2)), PACKAGE + "WorkerBeforeAdvice")
                        .advice(named("afterExecute").and(takesArguments(2)), PACKAGE + "WorkerAfterAdvice"))
                .type(named("java.util.concurrent.ScheduledThreadPoolExecutor"))
                .transform(advice.transformer()
                        .advice(named("delayedExecute").and(takesArguments(1)), PACKAGE + "ScheduledQueueAdvice"))
                .type(named("java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor"))
                .transform(advice.transformer()
                        .advice(named("execute").and(takesArguments(1)).and(takesArgument(0, Runnable.class)), SUBMIT))
                .type(named("java.util.concurrent.ForkJoinPool"))
                .transform(advice.transformer()
                        .advice(isPublic().and(namedOneOf("execute", "submit")).and(takesArguments(1)), SUBMIT))
                .type(named("java.util.concurrent.FutureTask"))
                .transform(advice.transformer()
                        .advice(named("run").and(takesArguments(0)), RUN))
                .type(named("java.util.concurrent.ForkJoinTask"))
                .transform(advice.transformer()
                        .advice(named("doExec").and(takesArguments(0)), RUN))
                .type(namedOneOf("java.util.concurrent.CompletableFuture$AsyncSupply",
                        "java.util.concurrent.CompletableFuture$AsyncRun"))
                .transform(advice.transformer()
                        .advice(named("run").and(takesArguments(0)), RUN))
                // JBoss Threads' pool: Quarkus' and WildFly's workers (blocking REST methods run there).
                .type(named(JBOSS_THREADS_POOL), new ClassLoaderHasClass(JBOSS_THREADS_POOL))
                .transform(advice.transformer()
                        .advice(named("execute").and(takesArguments(1)).and(takesArgument(0, Runnable.class)), SUBMIT));
    }
}
