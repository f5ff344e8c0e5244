package dev.vigil.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditReportTest {

    @Test
    void theModuleMatrixShowsEachTablesOwnerAndTheViolationsInRed() {
        Map<String, Object> modules = Map.of("enabled", true, "source", "vigil.yaml", "violations", 5L,
                "tables", List.of(Map.of("db_collection_name", "shop_customer", "owner_module", "customers", "owner_declared", true)),
                "cells", List.of(
                        Map.of("module", "customers", "db_collection_name", "shop_customer", "operations", 12L, "violations", 0L),
                        Map.of("module", "orders", "db_collection_name", "shop_customer", "operations", 5L, "violations", 5L)));

        String html = AuditReport.html(Map.of(), Map.of("modules", modules));

        assertThat(html).contains("Data ownership: modules by table").contains("owner customers")
                .contains("<td class=\"num\">12</td>")
                .contains("<td class=\"num bad violation\">5 (5 not owned)</td>");
    }

    @Test
    void withoutAMainPackageTheMatrixSaysHowToNameTheModules() {
        String html = AuditReport.html(Map.of(), Map.of("modules", Map.of("enabled", true, "source", "unknown", "cells", List.of())));
        assertThat(html).contains("vigil.db.ownership.base-package");
    }
}
