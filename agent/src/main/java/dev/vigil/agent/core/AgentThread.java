package dev.vigil.agent.core;

/**
 * A thread the agent owns (its endpoint, its start-up work). Instrumentation recognises these and
 * leaves them alone: a scrape of {@code /metrics} is not a request of the application.
 */
public final class AgentThread extends Thread {
    /**
     * The attribute that marks an HTTP context of the agent's own endpoint, which runs on the JDK
     * HttpServer's dispatcher thread, not on an agent thread. A constant, so that advice inlined into
     * the JDK's classes carries the string and no reference to this class.
     */
    public static final String ENDPOINT_CONTEXT = "dev.vigil.agent.endpoint";

    /**
     * Some are started on an application's thread (the first statement wakes the index audit): they never
     * inherit its inheritable thread-locals, which could hold a request or a class loader alive.
     */
    public AgentThread(String name, Runnable task) {
        super(null, task, name, 0, false);
        setDaemon(true);
    }

    public static boolean isCurrent() {
        return Thread.currentThread() instanceof AgentThread;
    }
}
