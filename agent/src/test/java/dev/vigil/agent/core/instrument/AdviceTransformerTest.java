package dev.vigil.agent.core.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.Test;

public class AdviceTransformerTest {
    public static final AtomicInteger CALLS = new AtomicInteger();

    public static class First {
        public int work(int value) {
            return value + 1;
        }
    }

    public static class Second {
        public int work(int value) {
            return value * 2;
        }
    }

    public static final class CountingAdvice {
        private CountingAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            CALLS.incrementAndGet();
        }
    }

    /** Every class file the advice was read from. */
    private static final class Reads implements ClassFileLocator {
        final List<String> names = new ArrayList<>();

        @Override
        public Resolution locate(String name) {
            names.add(name);
            return new Resolution.Illegal(name); // the agent's loader, next in line, has it
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theAdviceIsResolvedOncePerClassLoaderAndInlinedIntoEveryClass() throws Exception {
        Reads reads = new Reads();
        AdviceTransformer transformer = new AdviceSource(getClass().getClassLoader(), "test").transformer(reads)
                .advice(named("work"), CountingAdvice.class.getName());
        CALLS.set(0);

        Object first = instrumented(transformer, First.class);
        List<String> readForTheFirst = List.copyOf(reads.names);
        Object second = instrumented(transformer, Second.class);

        assertThat(first.getClass().getMethod("work", int.class).invoke(first, 1)).isEqualTo(2);
        assertThat(second.getClass().getMethod("work", int.class).invoke(second, 3)).isEqualTo(6);
        assertThat(CALLS).hasValue(2);
        assertThat(readForTheFirst).contains(CountingAdvice.class.getName());
        assertThat(reads.names).as("resolved for the first class, reused for the second").isEqualTo(readForTheFirst);
    }

    @Test
    void whatIsKeptForAClassLoaderDoesNotKeepItAlive() throws InterruptedException {
        AdviceTransformer transformer = new AdviceSource(getClass().getClassLoader(), "test").transformer()
                .advice(named("work"), CountingAdvice.class.getName());
        WeakReference<ClassLoader> loader = transformedFor(transformer);
        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(loader.get()).as("an undeployed application's loader can go").isNull();
    }

    private static WeakReference<ClassLoader> transformedFor(AdviceTransformer transformer) {
        ClassLoader application = new URLClassLoader(new URL[0], AdviceTransformerTest.class.getClassLoader());
        transformer.transform(new ByteBuddy().redefine(First.class), TypeDescription.ForLoadedType.of(First.class),
                application, null, null).make();
        return new WeakReference<>(application);
    }

    private static Object instrumented(AdviceTransformer transformer, Class<?> type) throws Exception {
        return transformer.transform(new ByteBuddy().redefine(type), TypeDescription.ForLoadedType.of(type),
                        type.getClassLoader(), null, null)
                .make().load(new ClassLoader(AdviceTransformerTest.class.getClassLoader()) {
                }, ClassLoadingStrategy.Default.CHILD_FIRST).getLoaded().getDeclaredConstructor().newInstance();
    }
}
