package dev.vigil.agent.core;

import dev.vigil.agent.core.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
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

    private final long maxWaitMillis;

    public ApplicationLogging(long maxWaitMillis) {
        this.maxWaitMillis = maxWaitMillis;
    }

    /**
     * Lets the agent ask whether a class was initialised without initialising it: JDK-internal, exported to
     * the agent alone through the Instrumentation it was given. Without it the wait runs its full bound.
     */
    public static void allowInitialisationCheck(Instrumentation instrumentation) {
        try {
            Class<?> unsafe = Class.forName("jdk.internal.misc.Unsafe");
            instrumentation.redefineModule(unsafe.getModule(), Set.of(),
                    Map.of("jdk.internal.misc", Set.of(ApplicationLogging.class.getModule())), Map.of(), Set.of(), Map.of());
        } catch (Throwable t) {
            AgentLog.debug("no class initialisation check: " + t);
        }
    }

    /** True at once when nothing needs waiting for; otherwise once the application's LogManager exists. */
    public boolean awaitSetUp() {
        if (!applicationMayChooseLogging()) {
            return true;
        }
        long deadline = System.nanoTime() + maxWaitMillis * 1_000_000;
        while (!logManagerCreated()) {
            if (System.nanoTime() - deadline > 0) {
                AgentLog.info("the application did not set up java.util.logging within " + maxWaitMillis / 1000
                        + " s; the endpoint and JVM metrics start now");
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
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

    /** Whether someone created the JVM's LogManager, asked without creating it (loading is not initialising). */
    static boolean logManagerCreated() {
        try {
            Class<?> logManager = Class.forName(LOG_MANAGER, false, null);
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            Method shouldBeInitialized = unsafeType.getMethod("shouldBeInitialized", Class.class);
            return !(Boolean) shouldBeInitialized.invoke(unsafe, logManager);
        } catch (ClassNotFoundException e) {
            return true; // no java.logging module: nothing to take from the application
        } catch (Throwable t) {
            return false;
        }
    }
}
