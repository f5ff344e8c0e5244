package dev.vigil.agent.core.instrument;

import dev.vigil.agent.core.bridge.HookErrors;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;

/**
 * Where a feature's advice comes from, and the guard it is inlined with. Every advice method declares
 * {@code suppress = Throwable.class}; the handler installed here turns a suppressed exception into
 * {@code HookErrors.report(exception, "<feature>")}, so the catch-count-log-once guard is written once
 * for all hooks, costs nothing until something fails, and names the feature as the error's component.
 */
public final class AdviceSource {
    private static final MethodDescription REPORT = report();

    private final ClassLoader loader;
    private final Advice.ExceptionHandler guard;

    public AdviceSource(ClassLoader loader, String feature) {
        this.loader = loader;
        this.guard = new Advice.ExceptionHandler.Simple(
                new StackManipulation.Compound(new TextConstant(feature), MethodInvocation.invoke(REPORT)));
    }

    /** A transformer for advice classes of the agent's own class loader. */
    public AdviceTransformer transformer() {
        return transformer(Advice.withCustomMapping());
    }

    /** As {@link #transformer()}, with custom annotation bindings (a constant baked into the advice). */
    public AdviceTransformer transformer(Advice.WithCustomMapping mapping) {
        return new AdviceTransformer(mapping, guard, ClassFileLocations.of(loader));
    }

    /** As {@link #transformer()}, looking in {@code generated} first (advice rewritten at start-up). */
    public AdviceTransformer transformer(ClassFileLocator generated) {
        return new AdviceTransformer(Advice.withCustomMapping(), guard,
                new ClassFileLocator.Compound(generated, ClassFileLocations.of(loader)));
    }

    /** The class file of an advice class, to rewrite it ({@code javax} from {@code jakarta}, say). */
    public byte[] classFile(String adviceClass) {
        try {
            return ClassFileLocations.of(loader).locate(adviceClass).resolve();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("advice class " + adviceClass + " is not in the agent", e);
        }
    }

    private static MethodDescription report() {
        try {
            return new MethodDescription.ForLoadedMethod(HookErrors.class.getMethod("report", Throwable.class, String.class));
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
