package dev.vigil.agent;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * One type description cache per class loader for Byte Buddy's matchers. Without it, deciding whether
 * a class implements {@code java.sql.Statement} re-reads the class files of its whole hierarchy for
 * every class loaded: on a Spring Boot app that was most of the agent's start-up CPU. Loaders are held
 * weakly (a redeployed web app's loader can go), and each cache is small: on the Spring Boot shop a
 * soft cache kept about 45 MB of descriptions alive after start-up (4,000 types: 33 MB), 500 types keep
 * about 11 MB for the same start-up CPU, since the types worth keeping (the common super types) are
 * few and come back at once after a reset.
 */
final class TypePoolCaches extends AgentBuilder.PoolStrategy.WithTypePoolCache {
    /** Descriptions per loader before its cache starts over (measured on the shop: see above). */
    static final int MAX_TYPES = 500;

    private final Map<ClassLoader, TypePool.CacheProvider> byLoader = Collections.synchronizedMap(new WeakHashMap<>());
    private final TypePool.CacheProvider bootstrap = new Bounded();

    TypePoolCaches() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader loader) {
        if (loader == null) {
            return bootstrap;
        }
        return byLoader.computeIfAbsent(loader, l -> new Bounded());
    }

    /** A map that is cleared when it reaches {@link #MAX_TYPES}: bounded memory, no bookkeeping per hit. */
    static final class Bounded implements TypePool.CacheProvider {
        private final Map<String, TypePool.Resolution> types = new ConcurrentHashMap<>();

        @Override
        public TypePool.Resolution find(String name) {
            return types.get(name);
        }

        @Override
        public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
            if (types.size() >= MAX_TYPES) {
                types.clear();
            }
            TypePool.Resolution earlier = types.putIfAbsent(name, resolution);
            return earlier == null ? resolution : earlier;
        }

        @Override
        public void clear() {
            types.clear();
        }
    }
}
