package dev.vigil.agent.jdbc.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/**
 * What the JDBC advice calls, at the {@code java.sql} interfaces. On the bootstrap class path: statements
 * cross as {@code Object}. The recorder extends this; until it is installed every hook does nothing.
 */
public abstract class JdbcHooks {
    public static final HookSlot<JdbcHooks> SLOT = new HookSlot<>(new JdbcHooks() {
    });

    /** A statement starts executing ({@code sql} null for a prepared one); returns a token for the end, or null. */
    public Object start(Object statement, String sql) {
        return null;
    }

    public void end(Object call, Throwable error) {
    }

    public void endBatch(Object call, int batchSize, Throwable error) {
    }

    /**
     * {@code Connection#prepareStatement(sql)} starts: a token for {@link #prepared(Object, Object, String)},
     * or null when it runs inside another on this thread (a pool's proxy preparing on the driver's
     * connection), whose statement is the one the application holds and the one remembered.
     */
    public Object preparing() {
        return null;
    }

    /** The outermost {@code Connection#prepareStatement(sql)} returned {@code statement} (null if it threw). */
    public void prepared(Object token, Object statement, String sql) {
    }

    /**
     * An R2DBC {@code Statement#execute()} starts: a token for {@link #executedReactive}, or null. A statement's
     * execution is its publisher's subscription, so the call itself only says which statement it is.
     */
    public Object executingReactive(Object statement) {
        return null;
    }

    /**
     * The {@code execute()} of {@code token}, declared to return {@code declaredType}, returned {@code publisher}:
     * the publisher the application gets instead, of that type.
     */
    public Object executedReactive(Object token, Object publisher, String declaredType) {
        return publisher;
    }

    /**
     * An R2DBC {@code ConnectionFactory#create()} or a {@code Result}'s {@code map}, declared to return
     * {@code declaredType}, returned {@code publisher}: the publisher the application gets instead, of that type, whose
     * connection or rows arrive under the trace context they were subscribed in.
     */
    public Object traced(Object publisher, String declaredType) {
        return publisher;
    }

    /** A Vert.x SQL client's {@code query(sql)} or {@code preparedQuery(sql)} returned {@code query}. */
    public void clientQuery(Object client, Object query, String sql) {
    }

    /** {@code query.mapping(...)} or {@code collecting(...)} returned {@code derived}: the same SQL. */
    public void derivedQuery(Object query, Object derived) {
    }

    /**
     * A Vert.x SQL query's {@code execute} (started with {@link #executingReactive}) returned {@code future}: the
     * execution ends when it completes. {@code batchSize} is the number of parameter sets of an
     * {@code executeBatch}, else -1.
     */
    public void executedFuture(Object token, Object future, int batchSize) {
    }

    /**
     * A Vert.x SQL query's {@code execute} that takes a callback (Vert.x 4) starts, as {@link #executingReactive} said
     * with {@code token}: the callback the method is to run instead, which records the execution first.
     */
    public Object callbackExecuting(Object token, Object callback, int batchSize) {
        return callback;
    }

    /** That {@code execute} returned (its execution ends with the callback). */
    public void callbackExecuted(Object token) {
    }

    public void addBatch(Object statement, String sql) {
    }

    /** {@code Statement#close()} returned: what was remembered of {@code statement} can go now, not at the next GC. */
    public void closed(Object statement) {
    }

    /** {@code Driver#connect(url, info)} returned {@code connection} (index audit only). */
    public void connected(Object driver, String url, java.util.Properties info, Object connection) {
    }

    /** Whether {@link #parameter} wants the values set on prepared statements now (index audit only). */
    public boolean capturingParameters() {
        return false;
    }

    /** {@code PreparedStatement#setXxx(index, value)} (index audit only). */
    public void parameter(Object statement, int index, Object value) {
    }
}
