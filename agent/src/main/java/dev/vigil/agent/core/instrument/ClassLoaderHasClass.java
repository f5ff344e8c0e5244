package dev.vigil.agent.core.instrument;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Cheap pre-check before any type-hierarchy match: a class loader that cannot see the library's marker
 * class cannot hold a class to instrument, so its classes are never parsed for their super types. Asked
 * through {@link ClassFiles}: on a Spring Boot application, a class a loader does not have was otherwise
 * looked for with a connection to each of its nested jars.
 */
public final class ClassLoaderHasClass implements ElementMatcher<ClassLoader> {
    private final String internalName;
    private final Map<ClassLoader, Boolean> cache = Collections.synchronizedMap(new WeakHashMap<>());

    public ClassLoaderHasClass(String className) {
        this.internalName = className.replace('.', '/');
    }

    @Override
    public boolean matches(ClassLoader loader) {
        if (loader == null) {
            // Bootstrap classes are never application servlets, handlers or drivers.
            return false;
        }
        return cache.computeIfAbsent(loader, l -> ClassFiles.shared().contains(l, internalName));
    }
}
