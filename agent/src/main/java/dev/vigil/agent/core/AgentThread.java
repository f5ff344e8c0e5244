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

    public AgentThread(String name, Runnable task) {
        super(task, name);
        setDaemon(true);
    }

    public static boolean isCurrent() {
        return Thread.currentThread() instanceof AgentThread;
    }
}
