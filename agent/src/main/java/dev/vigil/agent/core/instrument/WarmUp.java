package dev.vigil.agent.core.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;

import dev.vigil.agent.core.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Runs Byte Buddy's whole transformation path once, on a class of its own and with the result thrown
 * away, on the thread that prepared the agent builder while the features start on the premain thread.
 * Most of what installing the agent and transforming the first application classes cost is loading
 * and verifying Byte Buddy's and ASM's classes; loaded here, in parallel, they are no longer loaded on
 * the way to the application's {@code main} and first classes.
 */
public final class WarmUp {
    private WarmUp() {
    }

    public static void run(AgentBuilder base) {
        long startNanos = System.nanoTime();
        try {
            ClassLoader loader = WarmUp.class.getClassLoader();
            ClassFileTransformer transformer = base
                    .ignore(none())
                    .type(named(Target.class.getName()))
                    .transform(new AdviceSource(loader, "warm-up").transformer()
                            .advice(named("next"), TargetAdvice.class.getName()))
                    .makeRaw();
            byte[] classFile = ClassFileLocator.ForClassLoader.read(Target.class);
            transformer.transform(loader, Target.class.getName().replace('.', '/'), null, WarmUp.class.getProtectionDomain(),
                    classFile);
            AgentLog.debug("instrumentation warmed up in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
        } catch (Throwable t) {
            AgentLog.debug("warming up the instrumentation failed, which costs only time: " + t);
        }
    }

    /** What the warm-up transforms: a method with a value in and out, like most advised methods. */
    static final class Target {
        int next(int value) {
            return value + 1;
        }
    }

    /** Enter and exit advice, with the bindings the agent's advice uses most. */
    static final class TargetAdvice {
        private TargetAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.This Object self, @Advice.Argument(0) int value) {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long started, @Advice.Return int result, @Advice.Thrown Throwable thrown) {
            // nothing: only the path to here is wanted
        }
    }
}
