package dev.vigil.agent.events;

import java.lang.reflect.Method;

/**
 * Reads a Logback {@code ILoggingEvent} handed over as {@code Object}: the agent cannot link against
 * the application's Logback (it ships its own, relocated). Only called for loggers an event names, so
 * reflection stays off the path of every other log line.
 */
public final class LogbackEvents {
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            try {
                return new Method[] {type.getMethod("getFormattedMessage"), type.getMethod("getLevel")};
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("not a Logback logging event: " + type.getName(), e);
            }
        }
    };

    private LogbackEvents() {
    }

    public static String message(Object event) throws ReflectiveOperationException {
        return (String) ACCESSORS.get(event.getClass())[0].invoke(event);
    }

    public static boolean isError(Object event) throws ReflectiveOperationException {
        Object level = ACCESSORS.get(event.getClass())[1].invoke(event);
        return level != null && "ERROR".equals(level.toString());
    }
}
