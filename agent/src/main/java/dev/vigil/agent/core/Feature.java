package dev.vigil.agent.core;

import dev.vigil.agent.core.config.VigilConfig;
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
     * What it instruments, decided from the settings alone: asked once, in the premain, before {@link #start}, so
     * that the instrumentation is installed before the application's {@code main} while the features start on
     * an agent thread. Until {@link #start} installs the hooks (and for good if it fails), the advice calls the
     * no-op ones; a hook called before the start has ended waits for it ({@code HookSlot}).
     */
    default List<TypeInstrumentation> instrumentations(VigilConfig config) {
        return List.of();
    }

    /**
     * Whether what {@link #instrumentations} gave can only match once {@link #start} has run (methods that
     * extensions name when they install): then every feature starts in the premain, before the instrumentation
     * is installed. Asked right after {@link #instrumentations}.
     */
    default boolean instrumentsOnlyOnceStarted(VigilConfig config) {
        return false;
    }

    /**
     * Builds the recorders, installs the hooks its advice calls, publishes what other features may use. Runs on
     * the agent's {@code vigil-start} thread, in the features' order, while the application's {@code main} runs
     * (in the premain when a feature {@link #instrumentsOnlyOnceStarted}).
     */
    void start(FeatureContext context);

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
