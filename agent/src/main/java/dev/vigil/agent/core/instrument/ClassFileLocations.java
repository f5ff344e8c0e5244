package dev.vigil.agent.core.instrument;

import java.io.IOException;
import java.lang.ref.WeakReference;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.utility.JavaModule;

/**
 * Where Byte Buddy reads the class files of the types it describes (a transformed class's super types, the
 * types its matchers look at): through {@link ClassFiles}, as the header filter does, instead of each loader's
 * {@code getResourceAsStream}, whose walk through the JDK's loaders was a share of every read; and where
 * advice classes and the types they name are read ({@link AdviceSource}, {@link AdviceTransformer}). What
 * {@code ClassFiles} does not find, the loader is asked for, as Byte Buddy would by default.
 */
public final class ClassFileLocations implements AgentBuilder.LocationStrategy {
    private final ClassFiles classFiles;

    public ClassFileLocations() {
        this(ClassFiles.shared());
    }

    ClassFileLocations(ClassFiles classFiles) {
        this.classFiles = classFiles;
    }

    @Override
    public ClassFileLocator classFileLocator(ClassLoader classLoader, JavaModule module) {
        return new Locator(classFiles, classLoader);
    }

    /** The class files {@code loader} (null: the boot loader) would find, read the same way. */
    static ClassFileLocator of(ClassLoader loader) {
        return new Locator(ClassFiles.shared(), loader);
    }

    /** As {@link #of}, holding {@code loader} weakly: kept in a cache, it never keeps an undeployed application alive. */
    static ClassFileLocator weakly(ClassLoader loader) {
        return loader == null ? of(null) : new WeakLocator(ClassFiles.shared(), new WeakReference<>(loader));
    }

    private static ClassFileLocator.Resolution locate(ClassFiles classFiles, ClassLoader loader, String name) throws IOException {
        byte[] classFile = classFiles.read(loader, name.replace('.', '/'));
        if (classFile != null) {
            return new ClassFileLocator.Resolution.Explicit(classFile);
        }
        // Not found by the quick paths (or on the bootstrap search path the agent appended to): the loader decides.
        return (loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader))
                .locate(name);
    }

    private record Locator(ClassFiles classFiles, ClassLoader loader) implements ClassFileLocator {
        @Override
        public Resolution locate(String name) throws IOException {
            return ClassFileLocations.locate(classFiles, loader, name);
        }

        @Override
        public void close() {
            // nothing held open
        }
    }

    private record WeakLocator(ClassFiles classFiles, WeakReference<ClassLoader> loader) implements ClassFileLocator {
        @Override
        public Resolution locate(String name) throws IOException {
            ClassLoader held = loader.get();
            return held == null ? new Resolution.Illegal(name) : ClassFileLocations.locate(classFiles, held, name);
        }

        @Override
        public void close() {
            // nothing held open
        }
    }
}
