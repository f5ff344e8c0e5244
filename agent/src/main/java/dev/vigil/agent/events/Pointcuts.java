package dev.vigil.agent.events;

import dev.vigil.agent.core.log.AgentLog;
import dev.vigil.agent.core.metrics.AgentErrors;
import dev.vigil.agent.events.bridge.MethodHooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The methods that YAML events and extensions asked for, fixed before instrumentation starts. Advice
 * refers to a pointcut by its index, so dispatch is an array read.
 */
public final class Pointcuts extends MethodHooks {
    /** Where an extension's listener failures are counted: set when the events feature starts, before any call. */
    private volatile AgentErrors errors;
    private final List<Pointcut> pointcuts = new ArrayList<>();
    private volatile Pointcut[] byId = new Pointcut[0];
    private final Set<Integer> matched = ConcurrentHashMap.newKeySet();
    private final Set<Integer> reportedMissingMethod = ConcurrentHashMap.newKeySet();

    /** From now on, a listener's failure is counted in {@code errors}. */
    public void reportErrorsTo(AgentErrors errors) {
        this.errors = errors;
    }

    public synchronized Pointcut add(String className, String methodName, PointcutListener listener, String where) {
        Pointcut pointcut = new Pointcut(pointcuts.size(), className, methodName, listener, where);
        pointcuts.add(pointcut);
        byId = pointcuts.toArray(new Pointcut[0]);
        return pointcut;
    }

    public List<Pointcut> all() {
        return List.of(byId);
    }

    public boolean isEmpty() {
        return byId.length == 0;
    }

    public Pointcut get(int id) {
        Pointcut[] current = byId;
        return id >= 0 && id < current.length ? current[id] : null;
    }

    /** The class of {@code pointcut} was loaded; {@code methods} of it matched its method name. */
    public void matched(Pointcut pointcut, int methods) {
        matched.add(pointcut.id());
        if (methods == 0 && reportedMissingMethod.add(pointcut.id())) {
            AgentLog.error(pointcut.where() + ": class " + pointcut.className() + " has no method named '"
                    + pointcut.methodName() + "' with a body (abstract and interface methods cannot be timed: name the"
                    + " implementing class); it counts nothing, the rest works");
        }
    }

    /**
     * Warns about classes that are on none of the application's usual class paths: a typo there would
     * otherwise be a silent zero. The check reads resources only; it loads no class.
     */
    public void checkClassesExist(ClassLoader loader) {
        for (Pointcut pointcut : byId) {
            String resource = pointcut.className().replace('.', '/') + ".class";
            boolean found = loader.getResource(resource) != null
                    // Spring Boot's executable jar and a war keep application classes under these folders.
                    || loader.getResource("BOOT-INF/classes/" + resource) != null
                    || loader.getResource("WEB-INF/classes/" + resource) != null;
            if (!found && !matched.contains(pointcut.id())) {
                AgentLog.warn(pointcut.where() + ": class " + pointcut.className() + " is not on the class path"
                        + " (nor in BOOT-INF/classes); check the name. If it lives in a library packed inside the"
                        + " application, ignore this: it is counted once it loads");
            }
        }
    }

    @Override
    public void exit(int pointcut, long startNanos, Throwable thrown) {
        Pointcut target = get(pointcut);
        if (target != null) {
            target.listener().exit(null, null, null, thrown, System.nanoTime() - startNanos);
        }
    }

    @Override
    public Object enter(int pointcut, Object self, Object[] arguments) {
        Pointcut target = get(pointcut);
        if (target == null) {
            return null;
        }
        long start = System.nanoTime();
        try {
            return new MethodCall(start, target.listener().enter(self, arguments));
        } catch (Throwable t) {
            // An extension's listener: its failure is the extension's, counted under its own name.
            report(target, t);
            return null;
        }
    }

    @Override
    public void returned(int pointcut, Object call, Object self, Object returned, Throwable thrown) {
        Pointcut target = get(pointcut);
        if (!(call instanceof MethodCall started) || target == null) {
            return;
        }
        try {
            target.listener().exit(started.state, self, returned, thrown, System.nanoTime() - started.startNanos);
        } catch (Throwable t) {
            report(target, t);
        }
    }

    private void report(Pointcut target, Throwable t) {
        AgentErrors current = errors;
        if (current != null) {
            current.report(target.where(), t);
        }
    }

    /** A call an extension's listener is timing. */
    private record MethodCall(long startNanos, Object state) {
    }
}
