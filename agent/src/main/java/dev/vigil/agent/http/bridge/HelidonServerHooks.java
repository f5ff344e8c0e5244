package dev.vigil.agent.http.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/**
 * What the Helidon SE 4 server advice calls, with Helidon's own request and response objects (as {@code Object}s:
 * only {@code java.base} types cross the bridge, and Helidon's classes are built for Java 21). Until the recorder is
 * installed every hook does nothing.
 */
public abstract class HelidonServerHooks {
    public static final HookSlot<HelidonServerHooks> SLOT = new HookSlot<>(new HelidonServerHooks() {
    });

    /** Helidon routes {@code request}; returns a token for {@link #routed}, or null to ignore the request. */
    public Object routing(Object request) throws Exception {
        return null;
    }

    /** Helidon has routed the request of {@code token}: its response is answered, or {@code error} was thrown. */
    public void routed(Object token, Object request, Object response, Throwable error) {
    }
}
