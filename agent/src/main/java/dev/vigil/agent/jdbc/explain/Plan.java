package dev.vigil.agent.jdbc.explain;

/**
 * What the audit keeps of one plan: never the database's own text, which quotes the parameters.
 *
 * @param fullScan         a table is read from end to end
 * @param scannedTable     that table as the plan names it, or null
 * @param sortWithoutIndex rows are sorted after they are read (no index gives their order)
 * @param summary          the plan's nodes, such as {@code Seq Scan on events > Aggregate}: node types and tables only
 * @param scannedRows      the rows the full scan reads, when the plan says (MariaDB, MySQL), else -1
 */
record Plan(boolean fullScan, String scannedTable, boolean sortWithoutIndex, String summary, long scannedRows) {
}
