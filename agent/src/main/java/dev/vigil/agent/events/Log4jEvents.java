package dev.vigil.agent.events;

import java.lang.reflect.Method;

/**
 * Reads a Log4j2 {@code LogEvent} handed over as {@code Object} (what an async logger hands its
 * configuration): {@code LogEvent} is in log4j-core, which the agent does not link against.
 */
final class Log4jEvents {
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            try {
                return new Method[] {type.getMethod("getLoggerName"), type.getMethod("getMessage"), type.getMethod("getLevel")};
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("not a Log4j2 log event: " + type.getName(), e);
            }
        }
    };
    private static final ClassValue<Method> FORMATTED = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                return type.getMethod("getFormattedMessage");
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("not a Log4j2 message: " + type.getName(), e);
            }
        }
    };

    private Log4jEvents() {
    }

    static String loggerName(Object event) throws ReflectiveOperationException {
        return (String) ACCESSORS.get(event.getClass())[0].invoke(event);
    }

    static String message(Object event) throws ReflectiveOperationException {
        Object message = ACCESSORS.get(event.getClass())[1].invoke(event);
        return message == null ? "" : (String) FORMATTED.get(message.getClass()).invoke(message);
    }

    static boolean isError(Object event) throws ReflectiveOperationException {
        Object level = ACCESSORS.get(event.getClass())[2].invoke(event);
        return level != null && ("ERROR".equals(level.toString()) || "FATAL".equals(level.toString()));
    }
}
