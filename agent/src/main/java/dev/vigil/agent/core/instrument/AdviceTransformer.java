package dev.vigil.agent.core.instrument;

import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.LatentMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Inlines advice classes into the methods they match, as Byte Buddy's {@code Transformer.ForAdvice} does,
 * but resolves each advice class once per class loader instead of once per class transformed. Resolving
 * (describing the advice class and reading its methods' code) was a quarter of Byte Buddy's time per class
 * on the shop's start, where the same JDBC advice went into a dozen classes of one loader.
 *
 * <p>The advice is resolved as {@code ForAdvice} resolves it: its class file from the agent (or the
 * locators given) first, the types it names from the transformed class's loader; that loader is held
 * weakly, so a cache entry never keeps an undeployed application alive.
 */
public final class AdviceTransformer implements AgentBuilder.Transformer {
    private record Entry(LatentMatcher<? super MethodDescription> methods, String adviceClass) {
    }

    private final Advice.WithCustomMapping mapping;
    private final Advice.ExceptionHandler guard;
    private final ClassFileLocator included;
    private final List<Entry> entries;
    /** The resolved advice of each entry, per class loader (the boot loader under null). */
    private final Map<ClassLoader, List<Advice>> resolved = Collections.synchronizedMap(new WeakHashMap<>());

    AdviceTransformer(Advice.WithCustomMapping mapping, Advice.ExceptionHandler guard, ClassFileLocator included) {
        this(mapping, guard, included, List.of());
    }

    private AdviceTransformer(Advice.WithCustomMapping mapping, Advice.ExceptionHandler guard, ClassFileLocator included,
                              List<Entry> entries) {
        this.mapping = mapping;
        this.guard = guard;
        this.included = included;
        this.entries = entries;
    }

    /** Also inlines {@code adviceClass} into the methods {@code methods} matches. */
    public AdviceTransformer advice(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(new Entry(new LatentMatcher.Resolved<>(methods), adviceClass));
        return new AdviceTransformer(mapping, guard, included, List.copyOf(more));
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                            JavaModule module, ProtectionDomain domain) {
        List<Advice> advice = resolvedFor(loader);
        AsmVisitorWrapper.ForDeclaredMethods visitor = new AsmVisitorWrapper.ForDeclaredMethods();
        for (int i = 0; i < entries.size(); i++) {
            visitor = visitor.invokable(entries.get(i).methods().resolve(type), advice.get(i));
        }
        return builder.visit(visitor);
    }

    private List<Advice> resolvedFor(ClassLoader loader) {
        List<Advice> advice = resolved.get(loader);
        if (advice == null) {
            ClassFileLocator locator = new ClassFileLocator.Compound(included, ClassFileLocations.weakly(loader));
            TypePool pool = AgentBuilder.PoolStrategy.Default.FAST.typePool(locator, loader);
            List<Advice> made = new ArrayList<>(entries.size());
            for (Entry entry : entries) {
                made.add(mapping.to(pool.describe(entry.adviceClass()).resolve(), locator).withExceptionHandler(guard));
            }
            advice = List.copyOf(made);
            resolved.put(loader, advice);
        }
        return advice;
    }
}
