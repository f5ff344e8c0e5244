package dev.vigil.agent.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hold is the JVM's one: every test ends it, whatever happened. */
class HookSlotTest {
    private static final long LONG_ENOUGH_MILLIS = 60_000;

    @AfterEach
    void endTheHold() {
        HookSlot.started();
    }

    @Test
    void aHookCalledBeforeTheStartEndsWaitsAndGetsTheHooksTheStartInstalled() throws InterruptedException {
        HookSlot<Supplier<String>> slot = new HookSlot<>(() -> "no-op");
        HookSlot.holdUntilStarted(new Thread(() -> { }), LONG_ENOUGH_MILLIS);
        AtomicReference<String> called = new AtomicReference<>();
        Thread request = new Thread(() -> called.set(slot.get().get()));
        request.start();
        awaitWaiting(request);

        assertThat(called.get()).isNull();
        slot.set(() -> "installed");
        assertThat(called.get()).isNull(); // the other features may not have started yet
        HookSlot.started();
        request.join(LONG_ENOUGH_MILLIS);

        assertThat(called.get()).isEqualTo("installed");
        assertThat(slot.get().get()).isEqualTo("installed");
    }

    @Test
    void aSlotMadeDuringTheHoldIsHeldAndOneNobodyFilledGetsItsNoOpHooks() throws InterruptedException {
        HookSlot.holdUntilStarted(new Thread(() -> { }), LONG_ENOUGH_MILLIS);
        HookSlot<Supplier<String>> late = new HookSlot<>(() -> "no-op"); // a bridge class first used now
        AtomicReference<String> called = new AtomicReference<>();
        Thread request = new Thread(() -> called.set(late.get().get()));
        request.start();
        awaitWaiting(request);
        HookSlot.started();
        request.join(LONG_ENOUGH_MILLIS);

        assertThat(called.get()).isEqualTo("no-op");
    }

    @Test
    void theStarterAndSlotsThatDoNotWaitGetTheirHooksAtOnce() {
        HookSlot<Supplier<String>> counting = new HookSlot<>(() -> "no-op");
        HookSlot<Supplier<String>> carrying = HookSlot.notWaiting(() -> "no-op");
        carrying.set(() -> "carrying");
        HookSlot.holdUntilStarted(Thread.currentThread(), LONG_ENOUGH_MILLIS);

        assertThat(counting.get().get()).isEqualTo("no-op"); // the starter: would wait for itself
        assertThat(carrying.get().get()).isEqualTo("carrying");
    }

    @Test
    void aStartThatNeverEndsHoldsTheHooksOnceForTheBoundThenNothingWaits() throws InterruptedException {
        HookSlot<Supplier<String>> slot = new HookSlot<>(() -> "no-op");
        HookSlot.holdUntilStarted(new Thread(() -> { }), 200);
        AtomicReference<String> first = new AtomicReference<>();
        Thread request = new Thread(() -> first.set(slot.get().get()));
        request.start();
        request.join(LONG_ENOUGH_MILLIS);
        assertThat(first.get()).isEqualTo("no-op");

        // The hold has ended with the bound: later callers do not wait, and a start that ends late still installs.
        assertThat(HookSlot.holding()).isFalse();
        slot.set(() -> "installed late");
        assertThat(slot.get().get()).isEqualTo("installed late");
    }

    /** Until {@code thread} waits (a bounded loop: it gives up with the assertion). */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        for (int i = 0; i < 6_000 && thread.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(10);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    }
}
