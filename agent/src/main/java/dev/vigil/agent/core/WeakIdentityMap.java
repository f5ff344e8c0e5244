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
        Lookup lookup = LOOKUP.get().of(key);
        try {
            return map.get(lookup);
        } finally {
            lookup.clear();
        }
    }

    public V remove(Object key) {
        // Entries of collected keys go on any change, not only on the next put: their values (a request's
        // state, say) would otherwise stay reachable for as long as nothing new is put.
        expunge();
        Lookup lookup = LOOKUP.get().of(key);
        try {
            return map.remove(lookup);
        } finally {
            lookup.clear();
        }
    }

    /** Removes {@code key}'s entry only while it still holds {@code value} (compared by its equals). */
    public boolean remove(Object key, V value) {
        expunge();
        Lookup lookup = LOOKUP.get().of(key);
        try {
            return value != null && map.remove(lookup, value);
        } finally {
            lookup.clear();
        }
    }

    /** Entries held, those of collected keys not yet expunged included. */
    public int size() {
        return map.size();
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

    /**
     * The key of a lookup, one per thread and reused: a get or remove on a hot path (every executor task,
     * every statement) allocates nothing. The map compares it with its keys through this class's equals.
     */
    private static final ThreadLocal<Lookup> LOOKUP = ThreadLocal.withInitial(Lookup::new);

    private static final class Lookup {
        private Object referent;
        private int hash;

        Lookup of(Object referent) {
            this.referent = referent;
            this.hash = System.identityHashCode(referent);
            return this;
        }

        void clear() {
            referent = null; // never keeps the application's object alive
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && referent != null && key.get() == referent;
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
            if (other instanceof Lookup lookup) {
                return lookup.equals(this);
            }
            if (!(other instanceof Key key)) {
                return false;
            }
            Object referent = get();
            return referent != null && referent == key.get();
        }
    }
}
