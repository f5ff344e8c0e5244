package dev.vigil.agent.http;

import dev.vigil.agent.core.FeatureApi;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A place for another feature's per-request value on each server request, made only when first asked
 * for, so a request that never needs it pays nothing. Few exist (one per feature that asks), so a request
 * keeps them in a small array indexed by the slot.
 */
@FeatureApi
public final class RequestSlot<T> {
    static final int MAX = 4;
    private static final AtomicInteger NEXT = new AtomicInteger();

    final int index;
    final Supplier<T> create;

    /** A slot at {@code index} of every request, made by {@link #of} (or a test). */
    RequestSlot(int index, Supplier<T> create) {
        this.index = index;
        this.create = create;
    }

    public static <T> RequestSlot<T> of(Supplier<T> create) {
        int index = NEXT.getAndIncrement();
        if (index >= MAX) {
            throw new IllegalStateException("more than " + MAX + " request slots: raise RequestSlot.MAX");
        }
        return new RequestSlot<>(index, create);
    }
}
