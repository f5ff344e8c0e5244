package dev.vigil.agent.jdbc;

import dev.vigil.agent.core.Pages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /vigil/audit}: JSON for tools, one self-contained HTML table for a browser. */
final class AuditPage implements Pages.Html {
    private final Map<String, Object> page;

    AuditPage(Map<String, Object> page) {
        this.page = page;
    }

    /** Without {@code vigil.db.explain.enabled}: the statements, nothing explained. */
    static Map<String, Object> notEnabled(List<Map<String, Object>> top) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> entry : top) {
            Map<String, Object> row = new LinkedHashMap<>(entry);
            row.put("explained", false);
            row.put("full_scan", false);
            row.put("suggested_index", null);
            row.put("plan", null);
            rows.add(row);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("explain_enabled", false);
        page.put("statements", rows);
        return page;
    }

    @Override
    public Object json() {
        return page;
    }

    @Override
    public String html() {
        StringBuilder out = new StringBuilder(4096);
        out.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vigil audit</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}")
                .append("th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}")
                .append("code{font-size:12px}.scan{color:#b00020;font-weight:600}.num{text-align:right}")
                .append("</style></head><body><h1>Statements: plans and indexes</h1>");
        if (!Boolean.TRUE.equals(page.get("explain_enabled"))) {
            out.append("<p>The index audit is off: start the application with <code>-Dvigil.db.explain.enabled=true</code>"
                    + " to read the plans of the most expensive statements.</p>");
        }
        out.append("<table id=\"statements\"><thead><tr><th>Statement</th><th>Table</th><th>Full scan</th>")
                .append("<th>Suggested index</th><th>Plan</th><th class=\"num\">Count</th><th class=\"num\">Total s</th>")
                .append("<th class=\"num\">p99 s</th></tr></thead><tbody>");
        if (page.get("statements") instanceof List<?> statements) {
            for (Object each : statements) {
                if (!(each instanceof Map<?, ?> row)) {
                    continue;
                }
                boolean scan = Boolean.TRUE.equals(row.get("full_scan"));
                out.append("<tr><td><code>").append(escape(row.get("statement"))).append("</code></td><td>")
                        .append(escape(row.get("db_system_name"))).append(' ').append(escape(row.get("db_collection_name")))
                        .append("</td><td").append(scan ? " class=\"scan\">yes" : ">")
                        .append(!scan && Boolean.TRUE.equals(row.get("explained")) ? "no" : "").append("</td><td><code>")
                        .append(escape(row.get("suggested_index"))).append("</code></td><td>").append(escape(row.get("plan")))
                        .append("</td><td class=\"num\">").append(escape(row.get("count")))
                        .append("</td><td class=\"num\">").append(number(row.get("total_seconds")))
                        .append("</td><td class=\"num\">").append(number(row.get("p99_seconds"))).append("</td></tr>");
            }
        }
        return out.append("</tbody></table></body></html>").toString();
    }

    private static String number(Object value) {
        return value instanceof Number n ? String.format(java.util.Locale.ROOT, "%.3f", n.doubleValue()) : "";
    }

    private static String escape(Object value) {
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
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
