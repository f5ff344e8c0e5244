package dev.vigil.agent.jdbc.explain;

import dev.vigil.agent.core.metrics.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the plan each database returns for {@code EXPLAIN}: PostgreSQL's and MariaDB's JSON (read with the
 * agent's YAML parser, JSON being YAML), H2's annotated SQL text. Only node types, access types and
 * table names are kept; conditions, which carry the parameters, are never read.
 */
final class PlanReader {
    private PlanReader() {
    }

    static Plan read(String system, String explainOutput) {
        return switch (system) {
            case "postgresql" -> postgres(explainOutput);
            case "mariadb", "mysql" -> mysql(explainOutput);
            case "h2" -> h2(explainOutput);
            default -> throw new IllegalArgumentException("no plan reader for " + system);
        };
    }

    /** {@code EXPLAIN (FORMAT JSON)}: {@code [{"Plan": {"Node Type": "Seq Scan", "Relation Name": ..., "Plans": [...]}}]}. */
    static Plan postgres(String json) {
        Object root = parse(json);
        Object plan = root instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> top
                ? top.get("Plan") : null;
        List<String> nodes = new ArrayList<>();
        String[] scanned = new String[1];
        boolean[] sort = new boolean[1];
        walkPostgres(plan, nodes, scanned, sort);
        return new Plan(scanned[0] != null, scanned[0], sort[0], String.join(" > ", nodes), -1);
    }

    private static void walkPostgres(Object node, List<String> nodes, String[] scanned, boolean[] sort) {
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        if (map.get("Plans") instanceof List<?> children) {
            for (Object child : children) {
                walkPostgres(child, nodes, scanned, sort);
            }
        }
        String type = String.valueOf(map.get("Node Type"));
        Object relation = map.get("Relation Name");
        nodes.add(relation == null ? type : type + " on " + relation);
        if (type.equals("Seq Scan") && relation != null && scanned[0] == null) {
            scanned[0] = relation.toString();
        }
        if (type.equals("Sort") || type.equals("Incremental Sort")) {
            sort[0] = true;
        }
    }

    /** {@code EXPLAIN FORMAT=JSON}: {@code {"query_block": {"table": {"table_name": ..., "access_type": "ALL"}, ...}}}. */
    static Plan mysql(String json) {
        List<String> nodes = new ArrayList<>();
        String[] scanned = new String[1];
        boolean[] sort = new boolean[1];
        long[] rows = {-1};
        walkMysql(parse(json), nodes, scanned, sort, rows, 0);
        return new Plan(scanned[0] != null, scanned[0], sort[0], String.join(" > ", nodes), rows[0]);
    }

    private static void walkMysql(Object node, List<String> nodes, String[] scanned, boolean[] sort, long[] rows, int depth) {
        if (depth > 64) {
            return;
        }
        if (node instanceof List<?> list) {
            for (Object each : list) {
                walkMysql(each, nodes, scanned, sort, rows, depth + 1);
            }
            return;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        Object table = map.get("table_name");
        Object access = map.get("access_type");
        if (table != null && access != null) {
            Object key = map.get("key");
            nodes.add(access + " on " + table + (key == null ? "" : " using " + key));
            if ("ALL".equals(access) && scanned[0] == null) {
                scanned[0] = table.toString(); // the alias, when the statement gave one
                Object estimate = map.containsKey("rows_examined_per_scan") ? map.get("rows_examined_per_scan") : map.get("rows");
                rows[0] = estimate instanceof Number n ? n.longValue() : -1;
            }
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (name.equals("filesort") || name.equals("read_sorted_file") || (name.equals("using_filesort") && Boolean.TRUE.equals(entry.getValue()))) {
                sort[0] = true;
            }
            if (entry.getValue() instanceof Map<?, ?> || entry.getValue() instanceof List<?>) {
                walkMysql(entry.getValue(), nodes, scanned, sort, rows, depth + 1);
            }
        }
    }

    /**
     * H2 answers with the statement, each table followed by the access it chose in a comment:
     * {@code FROM "PUBLIC"."EVENTS" /* PUBLIC.EVENTS.tableScan *}{@code /} or {@code /* PUBLIC.PRIMARY_KEY_7: ID = ?1 *}{@code /}.
     */
    static Plan h2(String text) {
        List<String> nodes = new ArrayList<>();
        String scanned = null;
        int at = 0;
        while ((at = text.indexOf("/*", at)) >= 0) {
            int end = text.indexOf("*/", at);
            if (end < 0) {
                break;
            }
            String comment = text.substring(at + 2, end).strip();
            at = end + 2;
            int colon = comment.indexOf(':');
            String access = colon < 0 ? comment : comment.substring(0, colon); // the condition after ':' is dropped
            if (access.endsWith(".tableScan")) {
                String table = access.substring(0, access.length() - ".tableScan".length());
                table = table.substring(table.lastIndexOf('.') + 1);
                nodes.add("tableScan on " + table);
                if (scanned == null) {
                    scanned = table;
                }
            } else if (!access.isEmpty() && !access.contains(" ")) {
                nodes.add("index " + access);
            }
        }
        return new Plan(scanned != null, scanned, false, String.join(" > ", nodes), -1);
    }

    /** The estimated rows of the top node of a PostgreSQL JSON plan. */
    static Object postgresRootRows(String json) {
        Object root = parse(json);
        return root instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> top
                && top.get("Plan") instanceof Map<?, ?> plan ? plan.get("Plan Rows") : null;
    }

    /** The rows the first full scan of a MySQL / MariaDB JSON plan reads, or -1. */
    static long mysqlRows(String json) {
        return mysql(json).scannedRows();
    }

    private static Object parse(String json) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(4 * 1024 * 1024);
        return new Yaml(new SafeConstructor(options)).load(json);
    }

    /** A table name as a label: lower case, as the statement's own collection would be. */
    static String label(String table) {
        return table == null ? MetricNames.OTHER : table.toLowerCase(Locale.ROOT);
    }
}
