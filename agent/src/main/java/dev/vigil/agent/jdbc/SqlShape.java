package dev.vigil.agent.jdbc;

import java.util.Objects;

/**
 * What a JDBC statement looks like once its literals are gone: safe to log and to use as a label. A shape
 * is cached per statement text and per prepared statement, so it also carries what the recorder made of it
 * last time (its series key and timer): the steady state of a query records without building either.
 */
public final class SqlShape {
    private final String statement;
    private final String operation;
    private final String collection;
    /** The recorder's, opaque here: its key and timer for this shape's successful executions. */
    volatile Object recorded;
    /** {@link DbInsight}'s, opaque here: what it keeps of this shape (its statistics entry, its ownership sites). */
    volatile Object insight;

    /**
     * @param statement  the sanitised text: every literal replaced by {@code ?}, comments removed,
     *                   whitespace collapsed, placeholder lists collapsed, at most
     *                   {@value SqlSanitizer#MAX_STATEMENT_LENGTH} characters (then ending in {@code ...})
     * @param operation  upper-case operation, for example {@code SELECT}, {@code INSERT}; {@code OTHER} when unknown
     * @param collection the first table as written (schema prefix kept, quotes removed), or {@code ""}
     */
    public SqlShape(String statement, String operation, String collection) {
        this.statement = statement;
        this.operation = operation;
        this.collection = collection;
    }

    public String statement() {
        return statement;
    }

    public String operation() {
        return operation;
    }

    public String collection() {
        return collection;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SqlShape shape && statement.equals(shape.statement) && operation.equals(shape.operation)
                && collection.equals(shape.collection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statement, operation, collection);
    }

    @Override
    public String toString() {
        return "SqlShape[statement=" + statement + ", operation=" + operation + ", collection=" + collection + "]";
    }
}
