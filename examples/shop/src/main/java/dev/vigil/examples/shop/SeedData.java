package dev.vigil.examples.shop;

import dev.vigil.examples.shop.catalog.Catalog;
import dev.vigil.examples.shop.catalog.Product;
import dev.vigil.examples.shop.catalog.ProductVisits;
import dev.vigil.examples.shop.customers.Customer;
import dev.vigil.examples.shop.customers.Customers;
import dev.vigil.examples.shop.orders.OrderRepository;
import dev.vigil.examples.shop.orders.ShopOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Something to look at from the first request: {@value #CUSTOMERS} customers, {@value #PRODUCTS} products
 * (one of them nearly sold out), {@value #ORDERS} orders of one to three lines and 100,000 product visits.
 * The same data on every start (Hibernate recreates the tables), so pages and tests know what to expect.
 * Customers and products are added through their modules ({@link Customers}, {@link Catalog}), which own
 * their tables; this class, in the main package, is wiring and belongs to no module.
 */
@Component
public class SeedData implements ApplicationRunner {

    static final int CUSTOMERS = 6;
    static final int PRODUCTS = 10;
    static final int ORDERS = 30;
    /** The last product: only this many left, for an out-of-stock checkout. */
    static final int LIMITED_STOCK = 3;

    private static final Logger log = LoggerFactory.getLogger(SeedData.class);
    private static final String[] NAMES = {"Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret"};
    private static final String[] PRODUCT_NAMES = {"Espresso beans", "Pour-over kettle", "Ceramic mug", "Milk frother",
        "Hand grinder", "Paper filters", "Travel tumbler", "Scale", "Cold brew jar", "Limited-edition print"};
    private static final List<String> METHODS = List.of("card", "paypal", "invoice");

    private final Customers customers;
    private final Catalog products;
    private final ProductVisits visits;
    private final OrderRepository orders;

    public SeedData(Customers customers, Catalog products, ProductVisits visits, OrderRepository orders) {
        this.customers = customers;
        this.products = products;
        this.visits = visits;
        this.orders = orders;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        List<Customer> buyers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            buyers.add(customers.add(NAMES[i], NAMES[i].toLowerCase(Locale.ROOT) + "@example.com"));
        }
        List<Product> catalog = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            int stock = i == PRODUCTS - 1 ? LIMITED_STOCK : 100_000;
            catalog.add(products.add(PRODUCT_NAMES[i], 450 + 325L * i, stock));
        }
        Instant start = Instant.now().minus(Duration.ofDays(ORDERS));
        for (int i = 0; i < ORDERS; i++) {
            ShopOrder order = new ShopOrder(buyers.get(i % CUSTOMERS), start.plus(Duration.ofDays(i)), METHODS.get(i % 3));
            for (int line = 0; line <= i % 3; line++) {
                order.add(catalog.get((i + 3 * line) % (PRODUCTS - 1)), 1 + line);
            }
            orders.save(order);
        }
        visits.seed(PRODUCTS);
        log.info("Seeded {} customers, {} products, {} orders and {} product visits", CUSTOMERS, PRODUCTS, ORDERS,
                ProductVisits.SEEDED);
    }
}
