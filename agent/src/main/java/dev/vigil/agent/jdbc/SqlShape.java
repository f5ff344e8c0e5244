package dev.vigil.agent.jdbc;

/**
 * What a JDBC statement looks like once its literals are gone: safe to log and to use as a label.
 *
 * @param statement  the sanitised text: every literal replaced by {@code ?}, comments removed,
 *                   whitespace collapsed, placeholder lists collapsed, at most
 *                   {@value SqlSanitizer#MAX_STATEMENT_LENGTH} characters (then ending in {@code ...})
 * @param operation  upper-case operation, for example {@code SELECT}, {@code INSERT}; {@code OTHER} when unknown
 * @param collection the first table as written (schema prefix kept, quotes removed), or {@code ""}
 */
public record SqlShape(String statement, String operation, String collection) {
}
