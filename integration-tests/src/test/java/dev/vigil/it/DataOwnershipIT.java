package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data ownership with nothing declared: the example shop run without its {@code vigil.yaml}, so the agent
 * finds the main package in the Spring Boot jar's {@code Start-Class} ({@code dev.vigil.examples.shop}),
 * makes a module of each package under it and gives each table to the module that writes it. The receipt's
 * read of {@code shop_customer} (written by the customers module at start-up) from the orders module is a
 * violation, exactly once per request; the orders module's own tables, first written by its checkout, are
 * not.
 */
class DataOwnershipIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void modulesAndOwnersAreInferredFromTheMainPackageAndTheWriters() {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = AppProcess.jar(Artifacts.examplesDir().resolve("shop/target/vigil-shop.jar"))
                .name("DataOwnershipIT-shop")
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg("--server.port=" + appPort)
                .start()) {
            app.awaitOutput("READY " + appPort, Duration.ofSeconds(120));
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));

            Http.Response checkout = Http.send(Http.request(appPort, "/checkout")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("customerId=3&productId=2&quantity=1&paymentMethod=card")).build());
            assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
            Scrape before = Scrape.fetch(metricsPort);
            int receipts = 4;
            for (int id = 1; id <= receipts; id++) {
                assertThat(Http.get(appPort, "/orders/" + id + "/receipt").status()).isEqualTo(200);
            }
            assertThat(Http.get(appPort, "/orders/recent").status()).isEqualTo(200);
            assertThat(Http.get(appPort, "/products/2/visits").status()).isEqualTo(200);

            Map<String, String> crossing = Map.of("module", "orders", "db_collection_name", "shop_customer",
                    "owner_module", "customers");
            Scrape after = Scrape.await(metricsPort, s -> delta(before, s, Contract.DB_OWNERSHIP_VIOLATIONS, crossing) >= receipts
                    && delta(before, s, Contract.DB_MODULE_OPERATIONS, Map.of("module", "catalog",
                            "db_collection_name", "shop_product_visit")) >= 1, WAIT);
            String shown = after.lines(Contract.DB_OWNERSHIP_VIOLATIONS) + after.lines(Contract.DB_MODULE_OPERATIONS);
            assertThat(delta(before, after, Contract.DB_OWNERSHIP_VIOLATIONS, Map.of())).as(shown).isEqualTo(receipts);
            assertThat(delta(before, after, Contract.DB_OWNERSHIP_VIOLATIONS, crossing)).as(shown).isEqualTo(receipts);

            JsonNode modules = auditModules(metricsPort);
            assertThat(modules.get("source").asText()).isEqualTo("inferred");
            assertThat(modules.get("base_package").asText()).isEqualTo("dev.vigil.examples.shop");
            assertThat(modules.get("modules").toString()).contains("\"catalog\"", "\"customers\"", "\"orders\"");
            Map<String, String> owners = new HashMap<>();
            for (JsonNode table : modules.get("tables")) {
                assertThat(table.get("owner_declared").asBoolean()).isFalse();
                owners.put(table.get("db_collection_name").asText(), table.path("owner_module").asText(null));
            }
            assertThat(owners).as(modules.toString()).containsEntry("shop_customer", "customers")
                    .containsEntry("shop_product", "catalog").containsEntry("shop_product_visit", "catalog")
                    .containsEntry("shop_order", "orders").containsEntry("shop_order_line", "orders");
        }
    }

    private static JsonNode auditModules(int metricsPort) {
        Http.Response response = Http.send(Http.request(metricsPort, "/vigil/audit").header("Accept", "application/json").GET().build());
        assertThat(response.status()).isEqualTo(200);
        try {
            return JSON.readTree(response.body()).get("modules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
