package dev.vigil.agent.events;

/**
 * Calls of the methods named {@code methodName} declared by the class {@code className}.
 *
 * @param id index in {@link Pointcuts}, baked into the advice as a constant
 * @param where who asked for it, for messages: "vigil.yaml line 5 (event order.placed)", "extension jobs"
 */
public record Pointcut(int id, String className, String methodName, PointcutListener listener, String where) {
}
