package dev.vigil.agent.core.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where a feature's hooks object sits for the advice that calls it: one field read, then a virtual call
 * the JIT inlines. Until the feature installs its hooks (and after it stops), the slot holds the
 * feature's no-op hooks, so advice never checks for null.
 *
 * <p>The features start on an agent thread while the application's {@code main} already runs, with their
 * instrumentation installed. A hook called before they have started waits for them ({@link #holdUntilStarted}),
 * so that a request served that early is still counted; a slot made with {@link #notWaiting} (context
 * propagation, log context: nothing to count before the first request is measured) never waits. The wait is
 * bounded: past it, the slots open with whatever hooks are installed by then and nothing waits again.
 *
 * <p>Lives in the bootstrap class loader with every {@code bridge} package of the agent, so it may only
 * use {@code java.base} types.
 */
public final class HookSlot<T> {
    /** The slots whose callers wait for the start; guarded by {@code HookSlot.class}. */
    private static final List<HookSlot<?>> WAITING = new ArrayList<>();
    private static volatile Hold hold;

    private final T noOp;
    /** Null while held: {@link #get} then waits for the start. */
    private volatile T hooks;

    public HookSlot(T noOp) {
        this(noOp, true);
    }

    private HookSlot(T noOp, boolean waits) {
        this.noOp = noOp;
        synchronized (HookSlot.class) {
            this.hooks = waits && hold != null ? null : noOp;
            if (waits) {
                WAITING.add(this);
            }
        }
    }

    /** A slot whose callers never wait for the start: its hooks only carry what other hooks measured. */
    public static <T> HookSlot<T> notWaiting(T noOp) {
        return new HookSlot<>(noOp, false);
    }

    public T get() {
        T current = hooks;
        return current != null ? current : held();
    }

    /** Installs {@code installed}, or the no-op hooks again when it is null. */
    public void set(T installed) {
        synchronized (HookSlot.class) {
            hooks = installed == null ? noOp : installed;
        }
    }

    private T held() {
        Hold current = hold;
        if (current != null && Thread.currentThread() != current.starter) {
            try {
                if (!current.started.await(current.maxWaitMillis, TimeUnit.MILLISECONDS)) {
                    started(); // bounded: from now on nothing waits, started or not
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        T installed = hooks;
        return installed != null ? installed : noOp;
    }

    /**
     * From now until {@link #started}, a hook called on any thread but {@code starter} waits for the start, at most
     * {@code maxWaitMillis}. Called before the instrumentation is installed.
     */
    public static void holdUntilStarted(Thread starter, long maxWaitMillis) {
        synchronized (HookSlot.class) {
            hold = new Hold(starter, maxWaitMillis);
            for (HookSlot<?> slot : WAITING) {
                slot.hold();
            }
        }
    }

    /** The features have started (or could not): the held slots get their hooks, or their no-op ones. */
    public static void started() {
        Hold ended;
        synchronized (HookSlot.class) {
            ended = hold;
            hold = null;
            for (HookSlot<?> slot : WAITING) {
                slot.release();
            }
        }
        if (ended != null) {
            ended.started.countDown();
        }
    }

    /** Whether hooks wait for the start now (test). */
    static boolean holding() {
        return hold != null;
    }

    private void hold() {
        if (hooks == noOp) {
            hooks = null;
        }
    }

    private void release() {
        if (hooks == null) {
            hooks = noOp;
        }
    }

    private static final class Hold {
        final Thread starter;
        final long maxWaitMillis;
        final CountDownLatch started = new CountDownLatch(1);

        Hold(Thread starter, long maxWaitMillis) {
            this.starter = starter;
            this.maxWaitMillis = maxWaitMillis;
        }
    }
}
