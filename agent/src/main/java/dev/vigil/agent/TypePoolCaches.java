package dev.vigil.agent;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * One type description cache per class loader for Byte Buddy's matchers. Without it, deciding whether
 * a class implements {@code java.sql.Statement} re-reads the class files of its whole hierarchy for
 * every class loaded: on a Spring Boot app that was most of the agent's start-up CPU. Loaders are
 * held weakly (a redeployed web app's loader can go) and descriptions softly (memory pressure can
 * clear them; they are only re-read then).
 */
final class TypePoolCaches extends AgentBuilder.PoolStrategy.WithTypePoolCache {
    private final Map<ClassLoader, TypePool.CacheProvider> byLoader = Collections.synchronizedMap(new WeakHashMap<>());
    private final TypePool.CacheProvider bootstrap = new TypePool.CacheProvider.Simple.UsingSoftReference();

    TypePoolCaches() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader loader) {
        if (loader == null) {
            return bootstrap;
        }
        return byLoader.computeIfAbsent(loader, l -> new TypePool.CacheProvider.Simple.UsingSoftReference());
    }
}
