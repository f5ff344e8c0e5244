package dev.vigil.extension;

/**
 * A third-party addition to the agent, found with {@link java.util.ServiceLoader} in the jars named by
 * {@code -Dvigil.extensions=a.jar,b.jar} (a {@code META-INF/services/dev.vigil.extension.VigilExtension}
 * file lists the implementation).
 *
 * <p>{@link #install} runs once, in premain, before the application's classes load. An extension that
 * throws there is logged and left out; the agent and the application run on.
 */
public interface VigilExtension {
    /** A short name for log lines and {@code vigil_agent_errors_total{component="extension:NAME"}}. */
    String name();

    void install(ExtensionContext context);
}
