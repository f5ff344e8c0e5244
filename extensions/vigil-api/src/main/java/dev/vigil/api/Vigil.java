package dev.vigil.api;

/**
 * The application's view of Vigil. Without the agent every call is a no-op; with it, the agent
 * replaces the bodies of these methods. Business events arrive with their own issue; for now this
 * is the stable entry point application code can already compile against.
 */
public final class Vigil {
    private Vigil() {
    }

    /** True when the Vigil agent is attached to this JVM. */
    public static boolean isActive() {
        return false;
    }
}
