package dev.vigil.agent.http.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/**
 * What the Quarkus REST (RESTEasy Reactive) advice calls. A request's resource is matched on the event loop,
 * and a sub-resource behind a locator often on a worker thread later, so the request is named by RESTEasy
 * Reactive's own request context object. Until the recorder is installed every hook does nothing.
 */
public abstract class ResteasyReactiveHooks {
    public static final HookSlot<ResteasyReactiveHooks> SLOT = new HookSlot<>(new ResteasyReactiveHooks() {
    });

    /**
     * {@code context}'s request was matched to a resource method with these {@code @Path} templates (either may
     * be null); {@code subResource}: a method of the object a locator returned, below the locator's path.
     */
    public void matched(Object context, String classPath, String methodPath, boolean subResource) {
    }
}
