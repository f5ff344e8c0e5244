package dev.vigil.agent.core;

import dev.vigil.agent.core.instrument.TypeInstrumentation;
import java.util.List;

/**
 * One capability of the agent (the HTTP server, JDBC, business events...), owning one package: its
 * instrumentations, advice, hooks and recorders. The runtime starts the features in order, installs
 * their instrumentations, and later serves their pages; a feature never imports another one's classes,
 * only the small {@link FeatureApi} interfaces a feature publishes in the {@link FeatureContext}.
 */
public interface Feature {
    /**
     * Its name: the switch {@code vigil.<name>.enabled} of the settings table, and the {@code component}
     * of {@code vigil_agent_errors_total} when its hooks fail.
     */
    String name();

    /**
     * Builds the recorders, installs the hooks its advice calls, publishes what other features may use.
     * Runs before the application's {@code main}: keep it short.
     */
    void start(FeatureContext context);

    /** What it instruments, asked once after {@link #start}. */
    default List<TypeInstrumentation> instrumentations() {
        return List.of();
    }

    /** The pages and overview sections it serves. */
    default void pages(Pages pages) {
    }

    /**
     * Work that can wait until the application has started (binding a port, JVM binders), run on the
     * agent's own thread after every feature has started and once the application has set up its logging
     * ({@link ApplicationLogging}). Recorders belong in {@link #start}: requests are measured before this runs.
     */
    default void startLater(FeatureContext context) {
    }

    /** Uninstalls its hooks. */
    default void stop() {
    }
}
