package dev.vigil.agent.httpclient;

/**
 * The time one server request spent waiting for its outgoing calls, kept on the request by the HTTP
 * server feature. Calls made in parallel add up, as the database time of parallel statements does.
 */
public final class RequestClientTime {
    private long nanos;
    private int calls;

    synchronized void add(long callNanos) {
        nanos += callNanos;
        calls++;
    }

    synchronized long nanos() {
        return nanos;
    }

    synchronized int calls() {
        return calls;
    }
}
