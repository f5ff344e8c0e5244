package dev.vigil.bootstrap;

/**
 * What the agent does when inlined advice calls {@link VigilBridge}. The agent installs a subclass;
 * until then (and when the agent is disabled) every hook is a no-op.
 *
 * <p>Lives on the bootstrap class path, so it may only use {@code java.base} types: servlet, JDBC and
 * HttpServer objects cross this boundary as {@code Object}.
 */
public abstract class BridgeHooks {
    static final BridgeHooks NOOP = new BridgeHooks() {
    };

    /** A server request starts; returns a token for {@link #httpEnd}, or null to ignore the request. */
    public Object httpStart(String method, String rawPath) {
        return null;
    }

    /** The request's handler returned or threw. {@code route} is a framework template or null. */
    public void httpEnd(Object request, Object route, int status, Throwable error) {
    }

    /**
     * The handler returned with an asynchronous request still running (Servlet async). Returns an
     * instance of {@code listenerType} (a javax or jakarta {@code AsyncListener}) that will finish the
     * request, or null if it cannot.
     */
    public Object httpAsync(Object request, Object route, Class<?> listenerType, Object response) {
        return null;
    }

    /** A framework has resolved the route template of the request running on this thread. */
    public void httpRoute(String template) {
    }

    public Object jdbcStart(Object statement, String sql) {
        return null;
    }

    public void jdbcEnd(Object call, Throwable error) {
    }

    public void jdbcBatchEnd(Object call, int batchSize, Throwable error) {
    }

    public void jdbcPrepared(Object statement, String sql) {
    }

    public void jdbcAddBatch(Object statement, String sql) {
    }
}
