package dev.vigil.agent.events.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/** What the {@code dev.vigil.api.Vigil} advice calls: events sent from the application's code. */
public abstract class ApiHooks {
    public static final HookSlot<ApiHooks> SLOT = new HookSlot<>(new ApiHooks() {
    });

    /** Whether the agent runs: what {@code Vigil.isActive()} answers. */
    public boolean isActive() {
        return false;
    }

    /** {@code Vigil.event} ({@code success}) or {@code Vigil.failure}, with attributes as name, value pairs or null. */
    public void record(String name, String[] attributes, boolean success) {
    }
}
