package dev.vigil.agent.jdbc.ownership;

import dev.vigil.agent.core.config.ApplicationMainClass;
import java.util.List;
import java.util.Map;

/**
 * The application's main package, under which modules are inferred: the package of its main class
 * (Spring Boot's {@code Start-Class}, a jar's {@code Main-Class}, the class on the command line), or, when
 * the command line names a launcher, of the bottom frame of the {@code main} thread while it still runs.
 */
public final class MainPackage {
    /** Launchers and tools whose main class says nothing of the application's packages. */
    private static final List<String> LAUNCHERS = List.of("org.springframework.boot.loader.", "io.quarkus.",
            "org.apache.catalina.", "org.eclipse.jetty.", "org.gradle.", "org.apache.maven.", "org.codehaus.",
            "com.intellij.", "org.junit.", "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.vigil.agent.");

    private MainPackage() {
    }

    /** From the command line and the jar's manifest; null if they name no application class. */
    public static String fromCommandLine(Map<String, String> systemProperties) {
        return packageOf(ApplicationMainClass.of(systemProperties));
    }

    /** From the bottom frame of the thread named {@code main}, if it is still running; else null. */
    public static String fromMainThread() {
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] stack = thread.getValue();
            if ("main".equals(thread.getKey().getName()) && stack.length > 0) {
                return packageOf(stack[stack.length - 1].getClassName());
            }
        }
        return null;
    }

    /** The package of {@code className}, or null for a launcher's class or one in no package. */
    static String packageOf(String className) {
        if (className == null || LAUNCHERS.stream().anyMatch(className::startsWith)) {
            return null;
        }
        int dot = className.lastIndexOf('.');
        return dot <= 0 ? null : className.substring(0, dot);
    }
}
