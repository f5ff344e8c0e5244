package dev.vigil.agent.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.instrument.AdviceSource;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class JavaxRewriteTest {
    private static final String JAKARTA_ADVICE = ServletAdvice.class.getName();

    @Test
    void theJavaxAdviceIsTheJakartaAdviceWithTheServletTypesRenamed() throws Exception {
        AdviceSource source = new AdviceSource(getClass().getClassLoader(), "http");
        ClassFileLocator locator = JavaxRewrite.locator(source, JAKARTA_ADVICE);

        byte[] javax = locator.locate(JavaxRewrite.NAME).resolve();
        String constants = new String(javax, StandardCharsets.ISO_8859_1);
        assertThat(constants).contains("javax/servlet/ServletRequest").doesNotContain("jakarta/servlet/");
        TypePool pool = TypePool.Default.of(new ClassFileLocator.Compound(locator,
                ClassFileLocator.ForClassLoader.of(getClass().getClassLoader())));
        assertThat(pool.describe(JavaxRewrite.NAME).resolve().getDeclaredMethods().asDefined())
                .extracting(method -> method.getInternalName())
                .containsExactlyInAnyOrderElementsOf(pool.describe(JAKARTA_ADVICE).resolve().getDeclaredMethods().asDefined()
                        .stream().map(method -> method.getInternalName()).toList());
        assertThat(locator.locate(JAKARTA_ADVICE).isResolved()).as("it knows only the javax advice").isFalse();
    }

    @Test
    void theClassFileIsMadeOnTheFirstReadNotWithTheLocatorAndOnlyOnce() throws Exception {
        AtomicInteger rewrites = new AtomicInteger();
        ClassFileLocator locator = new JavaxRewrite.OnFirstRead(() -> {
            rewrites.incrementAndGet();
            return new byte[] {1, 2, 3};
        });
        assertThat(rewrites).as("made, not yet read").hasValue(0);

        assertThat(locator.locate(JavaxRewrite.NAME).resolve()).containsExactly(1, 2, 3);
        assertThat(locator.locate(JavaxRewrite.NAME).resolve()).containsExactly(1, 2, 3);
        assertThat(rewrites).as("read twice, made once").hasValue(1);
    }
}
