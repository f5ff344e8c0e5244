package dev.vigil.agent.events.extension;

import dev.vigil.agent.core.log.AgentLog;
import dev.vigil.agent.events.BusinessEvents;
import dev.vigil.agent.events.Pointcuts;
import dev.vigil.extension.VigilExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Loads the jars named by {@code vigil.extensions} (comma-separated paths) and lets each
 * {@link VigilExtension} in them install. Each jar gets its own class loader whose parent is the
 * agent's, so an extension sees the SPI ({@code dev.vigil.extension}) and the JDK, never the
 * application's classes nor the agent's shaded libraries by accident. Whatever goes wrong with one jar
 * or one extension is one log line; the others, the agent and the application run on.
 */
public final class Extensions {
    private Extensions() {
    }

    /** Installs every extension found; returns the names of those that installed. */
    public static List<String> install(String paths, MeterRegistry registry, BusinessEvents events, Pointcuts pointcuts) {
        List<String> installed = new ArrayList<>();
        if (paths == null || paths.isBlank()) {
            return installed;
        }
        for (String entry : paths.split(",")) {
            String path = entry.strip();
            if (path.isEmpty()) {
                continue;
            }
            URLClassLoader loader = open(path);
            if (loader == null) {
                continue;
            }
            int found = 0;
            try {
                for (ServiceLoader.Provider<VigilExtension> provider : ServiceLoader.load(VigilExtension.class, loader)
                        .stream().toList()) {
                    if (provider.type().getClassLoader() != loader) {
                        continue; // one listed by another jar, installed with that jar
                    }
                    found++;
                    String name = installOne(provider, registry, events, pointcuts, path);
                    if (name != null) {
                        installed.add(name);
                    }
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                AgentLog.error("vigil.extensions: " + path + ": its META-INF/services/dev.vigil.extension.VigilExtension"
                        + " names a class that cannot be loaded (" + e.getClass().getName() + ": " + e.getMessage()
                        + "); the agent runs without it");
                continue;
            }
            if (found == 0) {
                AgentLog.error("vigil.extensions: " + path + " holds no extension: expected a"
                        + " META-INF/services/dev.vigil.extension.VigilExtension file naming a class that implements it");
            }
        }
        return installed;
    }

    private static String installOne(ServiceLoader.Provider<VigilExtension> provider, MeterRegistry registry,
                                     BusinessEvents events, Pointcuts pointcuts, String path) {
        String name = provider.type().getName();
        try {
            VigilExtension extension = provider.get();
            name = extension.name();
            extension.install(new ExtensionHost(name, registry, events, pointcuts));
            AgentLog.info("extension " + name + " installed from " + path);
            return name;
        } catch (Throwable t) {
            AgentLog.error("vigil.extensions: extension " + name + " from " + path + " failed to install ("
                    + t.getClass().getName() + ": " + t.getMessage() + "); the agent runs without it");
            return null;
        }
    }

    private static URLClassLoader open(String path) {
        try {
            Path jar = Path.of(path);
            if (!Files.isRegularFile(jar)) {
                AgentLog.error("vigil.extensions: " + jar.toAbsolutePath().normalize()
                        + " is not a file; expected a comma-separated list of extension jars. The agent runs without it");
                return null;
            }
            return new URLClassLoader("vigil-extension", new URL[] {jar.toUri().toURL()}, Extensions.class.getClassLoader());
        } catch (InvalidPathException | java.net.MalformedURLException e) {
            AgentLog.error("vigil.extensions: '" + path + "' is not a file path; expected a comma-separated list of"
                    + " extension jars. The agent runs without it");
            return null;
        }
    }
}
