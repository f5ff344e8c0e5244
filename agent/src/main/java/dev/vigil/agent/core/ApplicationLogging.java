package dev.vigil.agent.core;

import dev.vigil.agent.core.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * When the agent's late work (the endpoint's JDK HttpServer, which logs through {@code System.Logger})
 * may touch the JVM's logging singletons without taking the choice from the application.
 *
 * <p>{@code java.util.logging.LogManager} and {@code System.LoggerFinder} are created once, by whoever
 * asks first, and read {@code java.util.logging.manager} then. Quarkus sets that property at the start of
 * its {@code main}; WildFly passes it on the command line but its class becomes loadable only once JBoss
 * Modules has started. With only the JDK's own logging the JDK protects itself: until someone configures
 * the LogManager, JDK code logs through stand-in loggers that leave it alone. The risk is a custom
 * {@code LoggerFinder} on the class path (JBoss LogManager ships one) or a JUL setting on the command
 * line: then the agent waits until the application has created its LogManager, for a bounded time.
 */
public final class ApplicationLogging {
    private static final String LOG_MANAGER = "java.util.logging.LogManager";
    private static final String MANAGER_PROPERTY = "java.util.logging.manager";
    private static final long POLL_MILLIS = 20;

    private final Instrumentation instrumentation;
    private final long maxWaitMillis;

    public ApplicationLogging(Instrumentation instrumentation, long maxWaitMillis) {
        this.instrumentation = instrumentation;
        this.maxWaitMillis = maxWaitMillis;
    }

    /** True at once when nothing needs waiting for; otherwise once the application's LogManager exists. */
    public boolean awaitSetUp() {
        if (!applicationMayChooseLogging()) {
            return true;
        }
        InitialisationCheck created = InitialisationCheck.of(LOG_MANAGER, instrumentation);
        try {
            long deadline = System.nanoTime() + maxWaitMillis * 1_000_000;
            while (!created.done()) {
                if (System.nanoTime() - deadline > 0) {
                    AgentLog.info("the application did not set up java.util.logging within " + maxWaitMillis / 1000
                            + " s; the endpoint and JVM metrics start now");
                    return false;
                }
                Thread.sleep(POLL_MILLIS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            created.close();
        }
    }

    /**
     * A logging backend other than the JDK's default is possible: a JUL setting on the command line, or a
     * {@code System.LoggerFinder} service on the class path (found as the JDK finds it, without creating it).
     */
    static boolean applicationMayChooseLogging() {
        if (System.getProperty(MANAGER_PROPERTY) != null || System.getProperty("java.util.logging.config.class") != null
                || System.getProperty("java.util.logging.config.file") != null) {
            return true;
        }
        try {
            return ServiceLoader.load(System.LoggerFinder.class, ClassLoader.getSystemClassLoader()).stream()
                    .findAny().isPresent();
        } catch (Throwable t) {
            return true; // a broken service entry: the JDK would try it too, so wait for the application
        }
    }

    /**
     * Whether a JDK class was initialised, asked without initialising it: exactly, through the JDK-internal
     * Unsafe exported to the agent alone by the Instrumentation it was given; where that is not available,
     * from the class being loaded (which, for the LogManager, comes with its first use).
     */
    private interface InitialisationCheck extends AutoCloseable {
        boolean done();

        @Override
        default void close() {
        }

        static InitialisationCheck of(String className, Instrumentation instrumentation) {
            Class<?> type;
            try {
                type = Class.forName(className, false, null);
            } catch (ClassNotFoundException e) {
                return () -> true; // no java.logging module: nothing to take from the application
            }
            try {
                Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
                instrumentation.redefineModule(unsafeType.getModule(), Set.of(),
                        Map.of("jdk.internal.misc", Set.of(ApplicationLogging.class.getModule())), Map.of(), Set.of(), Map.of());
                Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
                Method shouldBeInitialized = unsafeType.getMethod("shouldBeInitialized", Class.class);
                shouldBeInitialized.invoke(unsafe, type);
                return () -> {
                    try {
                        return !(Boolean) shouldBeInitialized.invoke(unsafe, type);
                    } catch (ReflectiveOperationException e) {
                        return true;
                    }
                };
            } catch (Throwable t) {
                AgentLog.debug("no class initialisation check (" + t + "); watching " + className + " being loaded");
                return new LoadWatch(className, instrumentation);
            }
        }
    }

    /** Sees a class being loaded: a transformer that changes nothing, removed once the wait is over. */
    private static final class LoadWatch implements InitialisationCheck, ClassFileTransformer {
        private final String internalName;
        private final Instrumentation instrumentation;
        private volatile boolean loaded;

        LoadWatch(String className, Instrumentation instrumentation) {
            this.internalName = className.replace('.', '/');
            this.instrumentation = instrumentation;
            instrumentation.addTransformer(this);
            for (Class<?> each : instrumentation.getAllLoadedClasses()) {
                if (each.getName().equals(className)) {
                    loaded = true;
                }
            }
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                                ProtectionDomain domain, byte[] bytes) {
            if (internalName.equals(className)) {
                loaded = true;
            }
            return null;
        }

        @Override
        public boolean done() {
            return loaded;
        }

        @Override
        public void close() {
            instrumentation.removeTransformer(this);
        }
    }
}
