package dev.vigil.agent.core.bridge;

/**
 * Where a feature's hooks object sits for the advice that calls it: one field read, then a virtual call
 * the JIT inlines. Until the feature installs its hooks (and after it stops), the slot holds the
 * feature's no-op hooks, so advice never checks for null.
 *
 * <p>Lives in the bootstrap class loader with every {@code bridge} package of the agent, so it may only
 * use {@code java.base} types.
 */
public final class HookSlot<T> {
    private final T noOp;
    private volatile T hooks;

    public HookSlot(T noOp) {
        this.noOp = noOp;
        this.hooks = noOp;
    }

    public T get() {
        return hooks;
    }

    /** Installs {@code installed}, or the no-op hooks again when it is null. */
    public void set(T installed) {
        hooks = installed == null ? noOp : installed;
    }
}
