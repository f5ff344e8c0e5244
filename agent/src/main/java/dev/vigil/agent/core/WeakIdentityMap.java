package dev.vigil.agent.core;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attaches a value to an application object (a statement) without keeping the object alive and
 * without relying on its equals/hashCode, which drivers may implement however they like.
 */
public final class WeakIdentityMap<V> {
    private final ConcurrentHashMap<Key, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    public void put(Object key, V value) {
        expunge();
        map.put(new Key(key, collected), value);
    }

    public V get(Object key) {
        return map.get(new Key(key, null));
    }

    public V remove(Object key) {
        return map.remove(new Key(key, null));
    }

    /** Cheap: lets a hot path skip the lookup (and its allocation) when nothing is held. */
    public boolean isEmpty() {
        return map.isEmpty();
    }


    private void expunge() {
        Object ref;
        while ((ref = collected.poll()) != null) {
            map.remove(ref);
        }
    }

    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Key key)) {
                return false;
            }
            Object referent = get();
            return referent != null && referent == key.get();
        }
    }
}
