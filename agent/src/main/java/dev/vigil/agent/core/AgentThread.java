package dev.vigil.agent.core;

/**
 * A thread the agent owns (its endpoint, its start-up work). Instrumentation recognises these and
 * leaves them alone: a scrape of {@code /metrics} is not a request of the application.
 */
public final class AgentThread extends Thread {
    public AgentThread(String name, Runnable task) {
        super(task, name);
        setDaemon(true);
    }

    public static boolean isCurrent() {
        return Thread.currentThread() instanceof AgentThread;
    }
}
