package dev.vigil.extensions.jobs;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code SimpleClassName.method} of the {@code @Scheduled} method a {@code ScheduledMethodRunnable}
 * runs, read once per runnable class through its public {@code getMethod()}. A job name is code, never
 * data, so it is a safe label value; the agent still caps the label.
 */
final class JobNames {
    static final String UNKNOWN = "unknown";

    private final Map<Object, String> byRunnable = new ConcurrentHashMap<>();
    private final Map<Class<?>, Method> getMethodByType = new ConcurrentHashMap<>();

    String of(Object runnable) {
        if (runnable == null) {
            return UNKNOWN;
        }
        // A runnable is created once per @Scheduled method and reused for every run: cache by identity.
        String name = byRunnable.get(runnable);
        if (name == null) {
            name = read(runnable);
            if (byRunnable.size() < 1_000) {
                byRunnable.put(runnable, name);
            }
        }
        return name;
    }

    private String read(Object runnable) {
        try {
            Method getMethod = getMethodByType.computeIfAbsent(runnable.getClass(), JobNames::getMethodAccessor);
            Object method = getMethod == null ? null : getMethod.invoke(runnable);
            if (method instanceof Method job) {
                return job.getDeclaringClass().getSimpleName() + "." + job.getName();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // fall through: a Spring version without getMethod() still gets counted
        }
        return UNKNOWN;
    }

    private static Method getMethodAccessor(Class<?> type) {
        try {
            return type.getMethod("getMethod");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
