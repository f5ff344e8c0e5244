package dev.vigil.agent.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * What the agent's JDK proxies of application interfaces share (a servlet's {@code AsyncListener}, a Kotlin
 * continuation, a Reactive Streams subscriber): the interfaces live in the application's class loader, so the
 * agent implements them as {@code InvocationHandler}s. Such a proxy answers {@code Object}'s methods by identity,
 * and a call it passes on throws what the target threw, as the interface declares.
 */
public final class Proxies {
    private Proxies() {
    }

    /** Whether {@code method} is one of {@code Object}'s, which a proxy answers itself ({@link #objectMethod}). */
    public static boolean isObjectMethod(Method method) {
        return method.getDeclaringClass() == Object.class;
    }

    /** {@code proxy}'s answer to {@code Object}'s {@code method}: by identity, and {@code name} as its string. */
    public static Object objectMethod(Object proxy, Method method, Object[] args, Object name) {
        return switch (method.getName()) {
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> String.valueOf(name);
        };
    }

    /**
     * The interface named {@code name} among those {@code type} implements, directly or through its super types, as
     * {@code type}'s loader sees it (the one to make a proxy of); null if it implements none of that name.
     */
    public static Class<?> findInterface(Class<?> type, String name) {
        for (Class<?> each = type; each != null; each = each.getSuperclass()) {
            for (Class<?> implemented : each.getInterfaces()) {
                Class<?> found = implemented.getName().equals(name) ? implemented : findInterface(implemented, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** {@code method} called on {@code target}, throwing what it threw rather than its reflective wrapper. */
    public static Object forward(Method method, Object target, Object... args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
