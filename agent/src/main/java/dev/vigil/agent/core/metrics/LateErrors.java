package dev.vigil.agent.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's errors from before its error counter exists: Byte Buddy's failures to transform a class while the
 * features, and with them the registry, are still starting. They are kept (the first {@value #KEPT}) and counted
 * and logged once {@link #reportTo} hands over the {@link AgentErrors}; from then on they go straight there.
 */
public final class LateErrors {
    static final int KEPT = 32;

    private final List<Kept> kept = new ArrayList<>();
    private volatile AgentErrors target;

    /** As {@link AgentErrors#report(String, Throwable, String)}. */
    public void report(String component, Throwable error, String doing) {
        AgentErrors current = target;
        if (current == null) {
            synchronized (this) {
                current = target;
                if (current == null) {
                    if (kept.size() < KEPT) {
                        kept.add(new Kept(component, error, doing));
                    }
                    return;
                }
            }
        }
        current.report(component, error, doing);
    }

    /** From now on errors go to {@code errors}, those kept first. */
    public void reportTo(AgentErrors errors) {
        List<Kept> earlier;
        synchronized (this) {
            earlier = List.copyOf(kept);
            kept.clear();
            target = errors;
        }
        earlier.forEach(each -> errors.report(each.component, each.error, each.doing));
    }

    private record Kept(String component, Throwable error, String doing) {
    }
}
