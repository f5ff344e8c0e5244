package dev.vigil.agent.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /vigil/audit} when the index audit is off. (The endpoint renders the page for a browser.) */
final class AuditPage {
    private AuditPage() {
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
}
