package dev.vigil.agent.http.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/**
 * What the Ktor server advice calls, beside {@link ReactiveServerHooks} (a Ktor request is one of those: named by
 * the engine's call object, it starts where the engine runs its pipeline and ends when that coroutine does). Ktor's
 * objects cross as {@code Object}s: only {@code java.base} types cross the bridge. Until the recorder is installed
 * every hook does nothing.
 */
public abstract class KtorServerHooks {
    public static final HookSlot<KtorServerHooks> SLOT = new HookSlot<>(new KtorServerHooks() {
    });

    /**
     * The engine pipeline of {@code call} suspended or may: returns the continuation to hand it instead of
     * {@code continuation} (a {@code kotlin.coroutines.Continuation}), one that ends {@code call}'s request when the
     * pipeline resumes it with its result, or {@code continuation} itself when it cannot.
     */
    public Object completion(Object call, Object continuation) {
        return continuation;
    }

    /**
     * Ktor's routing matched {@code call} to {@code route} (the method selector's {@code RoutingNode}; Ktor 2's
     * {@code Route}).
     */
    public void routed(Object call, Object route) {
    }
}
