package dev.vigil.agent.endpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit as one page a founder can read, from the two JSON pages the agent serves
 * ({@code /vigil/overview.json} and {@code /vigil/audit}): routes by p99 and error rate, the N+1
 * routes, the slowest statements with their plans and suggested indexes, the module by table matrix, business events. The agent
 * serves it at {@code /vigil/audit} to a browser, and {@code java -jar vigil-agent.jar audit URL} writes
 * it from a running agent. Self-contained: no script, no external asset.
 */
public final class AuditReport {
    private static final int ROUTES = 15;
    private static final int STATEMENTS = 20;

    private AuditReport() {
    }

    public static String html(Map<?, ?> overview, Map<?, ?> audit) {
        StringBuilder out = new StringBuilder(16 * 1024);
        Object service = overview.get("service");
        out.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vigil audit")
                .append(service == null ? "" : " of " + escape(service)).append("</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}")
                .append("h1{font-size:22px}h2{font-size:17px;margin-top:2em}table{border-collapse:collapse;width:100%}")
                .append("th,td{border-bottom:1px solid #ddd;padding:5px 8px;text-align:left;vertical-align:top}")
                .append("th{background:#f5f5f5}code{font-size:12px;word-break:break-all}.num{text-align:right;white-space:nowrap}")
                .append(".bad{color:#b00020;font-weight:600}.note{color:#666}")
                .append("</style></head><body><h1>Audit").append(service == null ? "" : " of " + escape(service)).append("</h1>")
                .append("<p class=\"note\">Since the application started. What to look at first: the slowest routes, the")
                .append(" routes that make one query per row (N+1), and statements that read whole tables.</p>");
        routes(out, list(overview.get("routes")));
        nPlusOne(out, list(overview.get("events")));
        statements(out, audit);
        modules(out, audit.get("modules") instanceof Map<?, ?> m ? m : Map.of());
        replicas(out, list(audit.get("replica_candidates")));
        businessEvents(out, list(overview.get("business_events")));
        return out.append("</body></html>").toString();
    }

    private static void routes(StringBuilder out, List<Map<?, ?>> routes) {
        List<Map<?, ?>> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingDouble((Map<?, ?> r) -> {
            double p99 = number(r.get("p99_ms"));
            return Double.isNaN(p99) ? -1 : p99;
        }).reversed());
        out.append("<h2 id=\"routes\">Routes by p99</h2>");
        if (sorted.isEmpty()) {
            out.append("<p>No request yet.</p>");
            return;
        }
        out.append("<table><thead><tr><th>Route</th><th class=\"num\">Requests</th><th class=\"num\">Errors</th>")
                .append("<th class=\"num\">p50 ms</th><th class=\"num\">p95 ms</th><th class=\"num\">p99 ms</th></tr></thead><tbody>");
        for (Map<?, ?> route : sorted.subList(0, Math.min(ROUTES, sorted.size()))) {
            double errors = number(route.get("error_percent"));
            out.append("<tr><td>").append(escape(route.get("method"))).append(' ').append(escape(route.get("route")))
                    .append("</td><td class=\"num\">").append(escape(route.get("count")))
                    .append("</td><td class=\"num").append(errors >= 1 ? " bad" : "").append("\">").append(format(errors, "%.1f %%"))
                    .append("</td><td class=\"num\">").append(format(number(route.get("p50_ms")), "%.1f"))
                    .append("</td><td class=\"num\">").append(format(number(route.get("p95_ms")), "%.1f"))
                    .append("</td><td class=\"num\">").append(format(number(route.get("p99_ms")), "%.1f")).append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    private static void nPlusOne(StringBuilder out, List<Map<?, ?>> events) {
        out.append("<h2 id=\"n-plus-one\">N+1: one query per row</h2>");
        List<Map<?, ?>> seen = new ArrayList<>();
        for (Map<?, ?> event : events) {
            if ("n_plus_one".equals(event.get("event")) && seen.stream().noneMatch(s -> same(s, event))) {
                seen.add(event);
            }
        }
        if (seen.isEmpty()) {
            out.append("<p>None seen.</p>");
            return;
        }
        out.append("<table><thead><tr><th>Route</th><th>Repeated statement</th><th class=\"num\">Executions in one request</th>")
                .append("</tr></thead><tbody>");
        for (Map<?, ?> event : seen) {
            out.append("<tr><td>").append(escape(event.get("http_route"))).append("</td><td><code>")
                    .append(escape(event.get("statement"))).append("</code></td><td class=\"num\">")
                    .append(escape(event.get("count"))).append("</td></tr>");
        }
        out.append("</tbody></table><p class=\"note\">Fix: one query with a JOIN (or a batch fetch) instead of one per row.</p>");
    }

    private static boolean same(Map<?, ?> a, Map<?, ?> b) {
        return String.valueOf(a.get("http_route")).equals(String.valueOf(b.get("http_route")))
                && String.valueOf(a.get("statement")).equals(String.valueOf(b.get("statement")));
    }

    private static void statements(StringBuilder out, Map<?, ?> audit) {
        out.append("<h2 id=\"statements\">The most expensive statements</h2>");
        if (!Boolean.TRUE.equals(audit.get("explain_enabled"))) {
            out.append("<p class=\"note\">Plans are not read: start the application with")
                    .append(" <code>-Dvigil.db.explain.enabled=true</code> for full scans and suggested indexes.</p>");
        }
        List<Map<?, ?>> rows = list(audit.get("statements"));
        if (rows.isEmpty()) {
            out.append("<p>No statement yet.</p>");
            return;
        }
        out.append("<table><thead><tr><th>Statement</th><th>Table</th><th class=\"num\">Count</th><th class=\"num\">Total s</th>")
                .append("<th class=\"num\">p99 ms</th><th>Plan</th><th>Suggested index</th></tr></thead><tbody>");
        for (Map<?, ?> row : rows.subList(0, Math.min(STATEMENTS, rows.size()))) {
            boolean scan = Boolean.TRUE.equals(row.get("full_scan"));
            Object index = row.get("suggested_index");
            out.append("<tr><td><code>").append(escape(row.get("statement"))).append("</code></td><td>")
                    .append(escape(row.get("db_collection_name"))).append("</td><td class=\"num\">").append(escape(row.get("count")))
                    .append("</td><td class=\"num\">").append(format(number(row.get("total_seconds")), "%.2f"))
                    .append("</td><td class=\"num\">").append(format(number(row.get("p99_seconds")) * 1000, "%.1f"))
                    .append("</td><td").append(scan ? " class=\"bad\">full scan: " : ">").append(escape(row.get("plan")))
                    .append("</td><td>").append(index == null ? "" : "<code class=\"index\">" + escape(index) + "</code>")
                    .append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    /** The module by table matrix: operations per cell, the owner's column marked, violations in red. */
    private static void modules(StringBuilder out, Map<?, ?> modules) {
        out.append("<h2 id=\"modules\">Data ownership: modules by table</h2>");
        if (!Boolean.TRUE.equals(modules.get("enabled"))) {
            out.append("<p class=\"note\">Off (<code>vigil.db.ownership.enabled=false</code>).</p>");
            return;
        }
        List<Map<?, ?>> cells = list(modules.get("cells"));
        List<Map<?, ?>> tables = list(modules.get("tables"));
        if (cells.isEmpty()) {
            out.append("<p>No statement attributed to a module yet").append("unknown".equals(modules.get("source"))
                    ? ": the main package is unknown; declare <code>modules:</code> in vigil.yaml or set"
                            + " <code>vigil.db.ownership.base-package</code>.</p>" : ".</p>");
            return;
        }
        List<String> names = new ArrayList<>();
        cells.forEach(c -> {
            if (!names.contains(String.valueOf(c.get("module")))) {
                names.add(String.valueOf(c.get("module")));
            }
        });
        List<String> tableNames = new ArrayList<>();
        cells.forEach(c -> {
            if (!tableNames.contains(String.valueOf(c.get("db_collection_name")))) {
                tableNames.add(String.valueOf(c.get("db_collection_name")));
            }
        });
        tableNames.sort(null);
        out.append("<p class=\"note\">Statements per module (rows: whose code ran them) and table (columns, with the")
                .append(" owning module). Modules: ").append("vigil.yaml".equals(modules.get("source")) ? "declared in vigil.yaml"
                        : "the packages under " + escape(modules.get("base_package")))
                .append(". Red: a module touching a table another module owns (")
                .append(format(number(modules.get("violations")), "%.0f")).append(" such operations).</p>")
                .append("<table class=\"matrix\"><thead><tr><th>Module</th>");
        for (String table : tableNames) {
            Object owner = tables.stream().filter(t -> table.equals(String.valueOf(t.get("db_collection_name"))))
                    .map(t -> t.get("owner_module")).findFirst().orElse(null);
            out.append("<th class=\"num\">").append(table.isEmpty() ? "(no table)" : escape(table))
                    .append(owner == null ? "" : "<br><span class=\"note\">owner " + escape(owner) + "</span>").append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (String module : names) {
            out.append("<tr><td>").append(escape(module)).append("</td>");
            for (String table : tableNames) {
                Map<?, ?> cell = cells.stream().filter(c -> module.equals(String.valueOf(c.get("module")))
                        && table.equals(String.valueOf(c.get("db_collection_name")))).findFirst().orElse(null);
                if (cell == null) {
                    out.append("<td></td>");
                    continue;
                }
                double violations = number(cell.get("violations"));
                out.append("<td class=\"num").append(violations > 0 ? " bad violation" : "").append("\">")
                        .append(format(number(cell.get("operations")), "%.0f"))
                        .append(violations > 0 ? " (" + format(violations, "%.0f") + " not owned)" : "").append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table><p class=\"note\">Fix: call the owning module's code instead of reading its tables.</p>");
    }

    private static void replicas(StringBuilder out, List<Map<?, ?>> rows) {
        out.append("<h2 id=\"replica-candidates\">Read replica candidates</h2>");
        if (rows.isEmpty()) {
            out.append("<p>No read outside a transaction yet.</p>");
            return;
        }
        out.append("<p class=\"note\">Reads outside any transaction (auto-commit): a read replica could take them.</p>")
                .append("<table><thead><tr><th>Route</th><th>Table</th><th class=\"num\">Reads</th><th class=\"num\">Seconds</th>")
                .append("<th class=\"num\">Share of the route's database time</th></tr></thead><tbody>");
        for (Map<?, ?> row : rows) {
            out.append("<tr><td>").append(escape(row.get("http_route"))).append("</td><td>").append(escape(row.get("db_collection_name")))
                    .append("</td><td class=\"num\">").append(escape(row.get("reads")))
                    .append("</td><td class=\"num\">").append(format(number(row.get("seconds")), "%.3f"))
                    .append("</td><td class=\"num\">").append(format(number(row.get("share_of_route_db_time")) * 100, "%.0f %%"))
                    .append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    private static void businessEvents(StringBuilder out, List<Map<?, ?>> events) {
        out.append("<h2 id=\"business-events\">Business events</h2>");
        if (events.isEmpty()) {
            out.append("<p>None declared.</p>");
            return;
        }
        out.append("<table><thead><tr><th>Event</th><th class=\"num\">Success</th><th class=\"num\">Error</th>")
                .append("<th class=\"num\">Success %</th></tr></thead><tbody>");
        for (Map<?, ?> event : events) {
            out.append("<tr><td>").append(escape(event.get("event"))).append("</td><td class=\"num\">")
                    .append(format(number(event.get("success")), "%.0f")).append("</td><td class=\"num\">")
                    .append(format(number(event.get("error")), "%.0f")).append("</td><td class=\"num\">")
                    .append(format(number(event.get("success_percent")), "%.1f")).append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    private static List<Map<?, ?>> list(Object value) {
        List<Map<?, ?>> rows = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object each : list) {
                if (each instanceof Map<?, ?> map) {
                    rows.add(map);
                }
            }
        }
        return rows;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String format(double value, String pattern) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, pattern, value);
    }

    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
