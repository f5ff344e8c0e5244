package dev.vigil.agent.core;

import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.metrics.AgentErrors;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a feature is given when it starts: the settings, the registry its series go to, the agent's error
 * counter, the pages, the services earlier features published (their {@link FeatureApi} interfaces), and
 * the work that waits until the application is up.
 */
public final class FeatureContext {
    private final VigilConfig config;
    private final PrometheusMeterRegistry registry;
    private final AgentErrors errors;
    private final Pages pages = new Pages();
    private final Deferred deferred = new Deferred();
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

    public FeatureContext(VigilConfig config, PrometheusMeterRegistry registry, AgentErrors errors) {
        this.config = config;
        this.registry = registry;
        this.errors = errors;
    }

    public VigilConfig config() {
        return config;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public AgentErrors errors() {
        return errors;
    }

    public Pages pages() {
        return pages;
    }

    /** Work run once the application is up, or once the metrics are read, not during the application's start. */
    public Deferred deferred() {
        return deferred;
    }

    /** Offers {@code service} to the features that start later, under its {@link FeatureApi} type. */
    public <T> void publish(Class<T> type, T service) {
        services.put(type, service);
    }

    /** What an earlier feature published under {@code type}, or null when that feature is off. */
    public <T> T find(Class<T> type) {
        return type.cast(services.get(type));
    }
}
