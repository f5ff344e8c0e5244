package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.it.support.AgentEvents;
import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Contract;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.JsonLogs;
import dev.vigil.it.support.Scrape;
import dev.vigil.it.support.Services;
import dev.vigil.it.support.Traceparent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The example shop ({@code examples/shop}: Spring Boot, Spring Data JPA, HikariCP) started the way its
 * README says, {@code java -javaagent:vigil-agent.jar -Dvigil.config=examples/shop/vigil.yaml -jar
 * vigil-shop.jar}, on H2 and on PostgreSQL: every request counted once under its route template, the
 * recent-orders page reported as one N+1 per request and its fix as none, the shop's own JSON log lines
 * carrying their request's trace, no literal from a request on the metrics, and the business events of
 * its {@code vigil.yaml} (and of {@code Vigil.event} in its code) counted exactly, as is its one read across
 * a module boundary.
 *
 * <p>One shop per database, shared by the tests, which compare before and after.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ExampleShopIT.Database.class)
class ExampleShopIT {

    enum Database {
        H2(null),
        POSTGRESQL("postgres");

        /** The Spring profile that selects the database; none for the default, an in-memory H2. */
        final String profile;

        Database(String profile) {
            this.profile = profile;
        }

        void requireRunning() {
            if (this == POSTGRESQL) {
                Services.requirePostgres();
            }
        }
    }

    private static final String BUILD = "cd <repo root> && mvn -q -B -pl examples/shop -am package -DskipTests";
    private static final String EVENTS = "vigil_business_events_total";
    private static final String EVENT_ATTRIBUTES = "vigil_business_event_attributes_total";
    private static final String PER_REQUEST_COUNT = Contract.DB_QUERIES_PER_REQUEST + "_count";
    private static final String PER_REQUEST_SUM = Contract.DB_QUERIES_PER_REQUEST + "_sum";
    private static final String MODULE_OPERATIONS = Contract.DB_MODULE_OPERATIONS;
    private static final String VIOLATIONS = Contract.DB_OWNERSHIP_VIOLATIONS;
    private static final String MODULE_TIME = Contract.DB_MODULE_TIME;
    /** The seed data (SeedData): customers 1-6, products 1-10, product 10 with only 3 in stock. */
    private static final int CUSTOMERS = 6;
    private static final int PRODUCTS = 10;
    private static final int LIMITED_PRODUCT = 10;
    /** {@code GET /orders/recent} lists the newest 20 orders (30 are seeded). */
    private static final int RECENT = 20;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AppProcess app;
    private static int appPort;
    private static int metricsPort;

    @Parameter
    Database database;

    @BeforeParameterizedClassInvocation
    static void startTheShopOn(Database database) {
        database.requireRunning();
        appPort = AppProcess.freePort();
        metricsPort = AppProcess.freePort();
        AppProcess.Builder shop = AppProcess.jar(shopJar())
                .name("ExampleShopIT-" + database.name().toLowerCase(Locale.ROOT))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.config", Artifacts.examplesDir().resolve("shop/vigil.yaml"))
                .arg("--server.port=" + appPort);
        if (database.profile != null) {
            shop.arg("--spring.profiles.active=" + database.profile);
        }
        app = shop.start();
        // "READY <port>": the tables are made, the seed data is in and requests are served.
        app.awaitOutput("READY " + appPort, Duration.ofSeconds(120));
        app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));
    }

    @AfterParameterizedClassInvocation
    static void stopTheShop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    @Test
    void countsEachRequestOnceUnderItsRouteTemplate() {
        int lookups = 40;
        int recent = 6;
        int checkouts = 12;
        Map<String, String> product = route("GET", "/products/{id}", "200");
        Map<String, String> recentOrders = route("GET", "/orders/recent", "200");
        Map<String, String> placed = route("POST", "/checkout", "201");
        Scrape before = Scrape.fetch(metricsPort);

        assertThat(Http.hammer(lookups, 8, i -> Http.request(appPort, "/products/" + (1 + i % PRODUCTS)).GET().build()))
                .isEqualTo(Map.of(200, lookups));
        assertThat(Http.hammer(recent, 3, i -> Http.request(appPort, "/orders/recent").GET().build()))
                .isEqualTo(Map.of(200, recent));
        assertThat(Http.hammer(checkouts, 4, i -> checkoutJson(1 + i % CUSTOMERS, 1 + i % (PRODUCTS - 1), 1, "card")))
                .isEqualTo(Map.of(201, checkouts));

        Scrape after = Scrape.await(metricsPort,
                s -> delta(before, s, Contract.HTTP_COUNT, product) >= lookups
                        && delta(before, s, Contract.HTTP_COUNT, recentOrders) >= recent
                        && delta(before, s, Contract.HTTP_COUNT, placed) >= checkouts,
                WAIT);
        String shown = after.lines(Contract.HTTP_COUNT);
        assertThat(delta(before, after, Contract.HTTP_COUNT, product)).as(shown).isEqualTo(lookups);
        assertThat(delta(before, after, Contract.HTTP_COUNT, recentOrders)).as(shown).isEqualTo(recent);
        assertThat(delta(before, after, Contract.HTTP_COUNT, placed)).as(shown).isEqualTo(checkouts);
        assertThat(after.labelValues(Contract.HTTP_COUNT, "http_route"))
                .as("templates, never the ids of the paths" + shown)
                .contains("/products/{id}", "/orders/recent", "/checkout")
                .noneMatch(r -> r.matches(".*/\\d+.*"));
    }

    @Test
    void theRecentOrdersPageIsOneNPlusOnePerRequestAndItsFixNone() {
        int requests = 3;
        Map<String, String> slow = Map.of("http_route", "/orders/recent");
        Map<String, String> fast = Map.of("http_route", "/orders/recent-fast");
        Scrape before = Scrape.fetch(metricsPort);
        int mark = AgentEvents.mark(app);

        for (int i = 0; i < requests; i++) {
            assertThat(getJson("/orders/recent").size()).isEqualTo(RECENT);
            assertThat(getJson("/orders/recent-fast").size()).isEqualTo(RECENT);
        }

        Scrape after = Scrape.await(metricsPort,
                s -> delta(before, s, Contract.DB_N_PLUS_ONE, slow) >= requests
                        && delta(before, s, PER_REQUEST_COUNT, fast) >= requests,
                WAIT);
        String shown = after.lines(Contract.DB_N_PLUS_ONE) + after.lines(Contract.DB_QUERIES_PER_REQUEST);
        assertThat(delta(before, after, Contract.DB_N_PLUS_ONE, slow)).as("one N+1 per request" + shown).isEqualTo(requests);
        assertThat(after.samples(Contract.DB_N_PLUS_ONE, slow))
                .as("one series: the order lines, loaded one order at a time" + shown)
                .singleElement()
                .satisfies(s -> assertThat(s.label("db_collection_name")).isEqualTo("shop_order_line"));
        assertThat(delta(before, after, PER_REQUEST_SUM, slow))
                .as("the orders, then the lines of each of the 20 (and each customer once)" + shown)
                .isGreaterThanOrEqualTo(requests * (1 + RECENT));
        assertThat(after.samples(Contract.DB_N_PLUS_ONE, fast)).as("the join fetch is no N+1" + shown).isEmpty();
        assertThat(delta(before, after, PER_REQUEST_COUNT, fast)).as(shown).isEqualTo(requests);
        assertThat(delta(before, after, PER_REQUEST_SUM, fast))
                .as("the newest ids, then one join fetch" + shown).isEqualTo(2 * requests);

        List<JsonLogs.Event> events = AgentEvents.await(app, mark, "n_plus_one", requests, WAIT);
        assertThat(events).as("one n_plus_one line per request" + AgentEvents.describe(app, mark)).hasSize(requests)
                .allSatisfy(e -> {
                    assertThat(e.field("http_route")).isEqualTo("/orders/recent");
                    assertThat(e.field("db_collection_name")).isEqualTo("shop_order_line");
                    assertThat(e.json().get("count").asInt()).as(e.toString()).isEqualTo(RECENT);
                });
    }

    @Test
    void theShopsJsonLogLinesCarryTheTraceOfTheirRequest() {
        Traceparent caller = Traceparent.random();
        Http.Response response = Http.send(Http.request(appPort, "/checkout")
                .header("traceparent", caller.header())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("customerId=2&productId=4&quantity=1&paymentMethod=paypal"))
                .build());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        long orderId = json(response.body()).get("orderId").asLong();

        List<JsonLogs.Event> placed = JsonLogs.await(app, JsonLogs.message("Order " + orderId + " placed"), 1, WAIT);

        assertThat(placed).as("the shop's line for the order" + JsonLogs.describe(JsonLogs.stdout(app))).hasSize(1);
        JsonLogs.Event line = placed.get(0);
        assertThat(line.field("logger_name")).isEqualTo("dev.vigil.examples.shop.orders.OrderService");
        assertThat(line.field("trace_id")).as("the caller's trace: " + line).isEqualTo(caller.traceId());
        assertThat(Traceparent.isValidSpanId(line.field("span_id"))).as(line.toString()).isTrue();
        assertThat(JsonLogs.stdout(app).stream().filter(e -> "READY".equals(first(e.message()))))
                .as("a line outside any request has no trace").allSatisfy(e -> assertThat(e.has("trace_id")).isFalse());
    }

    @Test
    void noLiteralFromARequestReachesTheMetrics() {
        String secret = "s3cr3t-7731";
        long missingId = 987_654_321L;
        assertThat(Http.post(appPort, "/signup", "name=Eve+" + secret + "&email=" + secret + "%40example.com",
                "application/x-www-form-urlencoded").status()).isEqualTo(201);
        assertThat(Http.get(appPort, "/products/" + missingId).status()).isEqualTo(404);
        assertThat(Http.get(appPort, "/slow?ms=1").status()).isEqualTo(200);
        Http.post(appPort, "/cart/" + missingId + "/items", "productId=" + missingId, "application/x-www-form-urlencoded");

        Scrape scrape = Scrape.await(metricsPort,
                s -> s.value(Contract.HTTP_COUNT, route("GET", "/products/{id}", "404")) >= 1, WAIT);
        String queries = Http.get(metricsPort, Contract.QUERIES_PAGE).body();
        String overview = Http.get(metricsPort, "/vigil/overview.json").body();

        for (String page : List.of(scrape.text(), queries, overview, app.stderr())) {
            assertThat(page).doesNotContain(secret).doesNotContain(String.valueOf(missingId));
        }
        assertThat(queries).as("the statements are there, as shapes").contains("shop_customer").contains("shop_product");
    }

    /**
     * The events of examples/shop/vigil.yaml and of {@code Vigil.event} in OrderService: N checkouts that
     * succeed, M whose payment the gateway declines (502) and one out of stock (409), then S signups.
     */
    @Test
    void aSlowPaymentProviderShowsAsClientTimeOnCheckout() {
        int checkouts = 3;
        int delayMs = 300;
        Map<String, String> checkout = Map.of("http_route", "/checkout");
        Map<String, String> payments = Map.of("http_request_method", "POST", "server_address", "127.0.0.1",
                "http_response_status_code", "200", "error_type", "");
        Scrape before = Scrape.fetch(metricsPort);

        setFaults("paymentDelayMs=" + delayMs);
        try {
            for (int i = 0; i < checkouts; i++) {
                Http.Response response = Http.send(checkoutForm(1 + i, 1 + i, 1, "card"));
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
            }
        } finally {
            assertThat(Http.send(Http.request(appPort, "/admin/faults").DELETE().build()).status()).isEqualTo(200);
        }

        Scrape after = Scrape.await(metricsPort,
                s -> delta(before, s, "vigil_http_server_client_duration_seconds_count", checkout) >= checkouts,
                Duration.ofSeconds(10));
        assertThat(delta(before, after, "http_client_request_duration_seconds_count", payments))
                .as(after.lines("http_client_request_duration_seconds_count")).isEqualTo(checkouts);
        assertThat(delta(before, after, "vigil_http_server_client_duration_seconds_count", checkout))
                .as(after.lines("vigil_http_server_client_duration_seconds")).isEqualTo(checkouts);
        assertThat(delta(before, after, "vigil_http_server_client_duration_seconds_sum", checkout))
                .as("each checkout waited at least the provider's delay")
                .isGreaterThanOrEqualTo(checkouts * delayMs / 1000.0);
    }

    @Test
    void businessEventsCountCheckoutsOrdersPaymentsAndSignups() {
        List<String> succeeding = List.of("card", "card", "card", "paypal", "paypal");
        int declined = 3; // all by invoice, so each payment method's count is known
        int signups = 4;
        int n = succeeding.size();
        Scrape before = Scrape.fetch(metricsPort);

        assertThat(Http.hammer(n, 3, i -> checkoutForm(1 + i % CUSTOMERS, 1 + i % (PRODUCTS - 1), 1, succeeding.get(i))))
                .isEqualTo(Map.of(201, n));
        setFaults("checkoutFailureRate=1");
        try {
            assertThat(Http.hammer(declined, 3, i -> checkoutForm(1 + i % CUSTOMERS, 2, 1, "invoice")))
                    .isEqualTo(Map.of(502, declined));
        } finally {
            assertThat(Http.send(Http.request(appPort, "/admin/faults").DELETE().build()).status()).isEqualTo(200);
        }
        Http.Response outOfStock = Http.send(checkoutForm(1, LIMITED_PRODUCT, 50, "card"));
        assertThat(outOfStock.status()).as(outOfStock.toString()).isEqualTo(409);
        assertThat(Http.hammer(signups, 2, i -> form("/signup", "name=Newcomer&email=newcomer" + i + "%40example.com")))
                .isEqualTo(Map.of(201, signups));
        int placeOrderExceptions = declined + 1;

        Map<String, String> completed = event("checkout.completed", "success");
        Map<String, String> signedUp = event("signup.completed", "success");
        Scrape after = Scrape.await(metricsPort,
                s -> delta(before, s, EVENTS, completed) >= n && delta(before, s, EVENTS, signedUp) >= signups
                        && delta(before, s, EVENTS, Map.of("event", "order.placed")) >= n + placeOrderExceptions,
                WAIT);
        String shown = after.lines(EVENTS) + after.lines(EVENT_ATTRIBUTES);

        assertThat(delta(before, after, EVENTS, completed)).as("POST /checkout 2xx" + shown).isEqualTo(n);
        assertThat(delta(before, after, EVENTS, Map.of("event", "checkout.completed")))
                .as("checkout.completed: only successes" + shown).isEqualTo(n);
        assertThat(delta(before, after, EVENTS, Map.of("event", "checkout.failed")))
                .as("POST /checkout 5xx: the declined payments, not the 409" + shown).isEqualTo(declined);
        assertThat(delta(before, after, EVENTS, event("order.placed", "success")))
                .as("OrderService#placeOrder returned" + shown).isEqualTo(n);
        assertThat(delta(before, after, EVENTS, event("order.placed", "error")))
                .as("OrderService#placeOrder threw (declined, out of stock)" + shown).isEqualTo(placeOrderExceptions);
        assertThat(delta(before, after, EVENTS, event("payment.authorized", "success")))
                .as("Vigil.event in OrderService" + shown).isEqualTo(n);
        assertThat(delta(before, after, EVENTS, event("payment.authorized", "error")))
                .as("Vigil.failure in OrderService" + shown).isEqualTo(declined);
        assertThat(delta(before, after, EVENTS, signedUp)).as("the log line User * signed up" + shown).isEqualTo(signups);
        assertThat(delta(before, after, EVENTS, event("signup.completed", "error"))).as(shown).isZero();

        // Every call counts its attributes, whatever its outcome.
        Map<String, Double> byMethod = new HashMap<>();
        succeeding.forEach(method -> byMethod.merge(method, 1.0, Double::sum));
        byMethod.merge("invoice", (double) declined, Double::sum);
        byMethod.forEach((method, count) -> assertThat(delta(before, after, EVENT_ATTRIBUTES,
                Map.of("event", "payment.authorized", "attribute", "method", "value", method)))
                .as("payment.authorized by %s%s", method, shown).isEqualTo(count));
        assertThat(after.labelValues(EVENT_ATTRIBUTES, "value")).as("only the shop's payment methods" + shown)
                .isSubsetOf("card", "paypal", "invoice");
    }

    // --- the shop ---

    /**
     * Data ownership, with the modules and tables the shop's {@code vigil.yaml} declares: the receipt reads
     * {@code shop_customer} from the orders module (one violation per request), while the recent-orders page
     * asks the customers module for the names (the owner reading its own table: no violation).
     */
    @Test
    void aCrossModuleReadIsCountedAsAViolationAndASameModuleReadIsNot() {
        int receipts = 5;
        int pages = 2;
        String email = "zed." + System.nanoTime() + "@example.com";
        Map<String, String> crossing = Map.of("module", "orders", "db_collection_name", "shop_customer", "owner_module", "customers");
        Map<String, String> ordersReadingCustomers = Map.of("module", "orders", "db_collection_name", "shop_customer");
        Map<String, String> customersReadingTheirOwn = Map.of("module", "customers", "db_collection_name", "shop_customer",
                "db_operation_name", "SELECT");
        Scrape before = Scrape.fetch(metricsPort);

        for (int id = 1; id <= receipts; id++) {
            assertThat(getJson("/orders/" + id + "/receipt").get("customer").asText()).isNotEmpty();
        }
        for (int i = 0; i < pages; i++) {
            assertThat(getJson("/orders/recent").size()).isEqualTo(RECENT);
        }
        Http.Response signup = Http.send(form("/signup", "name=Zed&email=" + email));
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);

        Scrape after = Scrape.await(metricsPort, s -> delta(before, s, VIOLATIONS, crossing) >= receipts
                && delta(before, s, MODULE_OPERATIONS, customersReadingTheirOwn) >= pages
                && delta(before, s, MODULE_OPERATIONS, Map.of("module", "customers", "db_operation_name", "INSERT")) >= 1, WAIT);
        String shown = after.lines(VIOLATIONS) + after.lines(MODULE_OPERATIONS);
        assertThat(delta(before, after, VIOLATIONS, Map.of())).as("only the receipts cross a boundary" + shown).isEqualTo(receipts);
        assertThat(delta(before, after, VIOLATIONS, crossing)).as(shown).isEqualTo(receipts);
        assertThat(delta(before, after, MODULE_OPERATIONS, ordersReadingCustomers)).as(shown).isEqualTo(receipts);
        assertThat(delta(before, after, MODULE_OPERATIONS, customersReadingTheirOwn)).as("one names query per page" + shown)
                .isEqualTo(pages);
        assertThat(delta(before, after, MODULE_OPERATIONS, Map.of("module", "orders", "db_collection_name", "shop_order_line")))
                .as("the lazy lines of the 20 orders, per page" + shown).isEqualTo(pages * RECENT);
        assertThat(after.value(MODULE_TIME, Map.of("module", "orders", "http_route", "/orders/{id}/receipt")))
                .as(after.lines(MODULE_TIME)).isPositive();

        JsonNode modules = auditJson().get("modules");
        assertThat(modules.get("source").asText()).isEqualTo("vigil.yaml");
        JsonNode cell = null;
        for (JsonNode each : modules.get("cells")) {
            if (each.get("module").asText().equals("orders") && each.get("db_collection_name").asText().equals("shop_customer")) {
                cell = each;
            }
            if (each.get("module").asText().equals("customers")) {
                assertThat(each.get("violations").asLong()).as(each.toString()).isZero();
            }
        }
        assertThat(cell).as(modules.toString()).isNotNull();
        assertThat(cell.get("owner_module").asText()).isEqualTo("customers");
        assertThat(cell.get("violations").asLong()).isGreaterThanOrEqualTo(receipts);
        Http.Response page = Http.send(Http.request(metricsPort, "/vigil/audit").header("Accept", "text/html").GET().build());
        assertThat(page.body()).contains("Data ownership").contains("not owned").contains("shop_customer");

        // The email was a parameter of the signup's INSERT: it is in no series and on no page.
        assertThat(after.text()).doesNotContain(email);
        assertThat(page.body()).doesNotContain(email);
        assertThat(modules.toString()).doesNotContain(email);
    }

    private static JsonNode auditJson() {
        Http.Response response = Http.send(Http.request(metricsPort, "/vigil/audit").header("Accept", "application/json").GET().build());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return json(response.body());
    }

    private static Path shopJar() {
        Path jar = Artifacts.examplesDir().resolve("shop/target/vigil-shop.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The example shop jar is missing: " + jar + ". Build it first: " + BUILD);
        }
        return jar;
    }

    /**
     * What one instance costs a metrics store (docs/SCALING.md): after every route the demo's traffic uses
     * has answered, with its successes and failures, the scrape's series and size stay within the page's
     * bounds. The numbers are printed for the page.
     */
    @Test
    void oneInstancesSeriesAndScrapeSizeStayWithinTheScalingPage() {
        List<HttpRequest> everyRoute = new java.util.ArrayList<>();
        for (String path : List.of("/products", "/products/1", "/products/2/visits", "/orders/recent", "/orders/recent-fast",
                "/orders/3/receipt", "/slow?ms=10", "/boom", "/no/such/page/7", "/products/999999")) {
            everyRoute.add(Http.request(appPort, path).GET().build());
        }
        everyRoute.add(form("/cart/1/items", "productId=1&quantity=1"));
        everyRoute.add(checkoutForm(1, 1, 1, "card"));
        everyRoute.add(checkoutJson(2, 2, 1, "paypal"));
        everyRoute.add(form("/signup", "name=Sized&email=sized." + System.nanoTime() + "%40example.com"));
        for (int round = 0; round < 3; round++) {
            everyRoute.forEach(Http::send);
        }

        String text = Http.get(metricsPort, "/metrics").body();
        long series = text.lines().filter(line -> !line.isEmpty() && !line.startsWith("#")).count();
        int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        Map<String, Long> byFamily = text.lines().filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.replaceFirst("[{ ].*$", "").replaceFirst("_(bucket|count|sum|created)$", ""))
                .collect(java.util.stream.Collectors.groupingBy(name -> name, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
        System.out.printf("SERIES %s shop: %d series, %d bytes; largest families: %s%n", database, series, bytes,
                byFamily.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6).toList());
        assertThat(series).as("series of one shop instance; docs/SCALING.md says under 6,000").isBetween(500L, 6_000L);
        assertThat(bytes).as("scrape size; docs/SCALING.md says under 1 MB").isLessThan(1_000_000);
    }

    private static HttpRequest checkoutJson(int customer, int product, int quantity, String method) {
        return Http.request(appPort, "/checkout")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":" + customer + ",\"productId\":" + product
                        + ",\"quantity\":" + quantity + ",\"paymentMethod\":\"" + method + "\"}"))
                .build();
    }

    private static HttpRequest checkoutForm(int customer, int product, int quantity, String method) {
        return form("/checkout", "customerId=" + customer + "&productId=" + product + "&quantity=" + quantity
                + "&paymentMethod=" + method);
    }

    private static HttpRequest form(String path, String body) {
        return Http.request(appPort, path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static void setFaults(String form) {
        Http.Response response = Http.send(form("/admin/faults", form));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private static JsonNode getJson(String path) {
        Http.Response response = Http.get(appPort, path);
        assertThat(response.status()).as("GET " + path + ": " + response).isEqualTo(200);
        return json(response.body());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    private static String first(String message) {
        return message == null ? "" : message.split(" ")[0];
    }

    // --- reading the agent ---

    private static Map<String, String> route(String method, String route, String status) {
        return Map.of("http_request_method", method, "http_route", route, "http_response_status_code", status);
    }

    private static Map<String, String> event(String name, String outcome) {
        return Map.of("event", name, "outcome", outcome);
    }

    private static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
