package dev.vigil.examples.shop.orders;

import dev.vigil.api.Vigil;
import dev.vigil.examples.shop.Faults;
import dev.vigil.examples.shop.NotFoundException;
import dev.vigil.examples.shop.SlowQuery;
import dev.vigil.examples.shop.catalog.Catalog;
import dev.vigil.examples.shop.customers.Customer;
import dev.vigil.examples.shop.customers.Customers;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places orders. {@code vigil.yaml} counts every call of {@link #placeOrder} as the business event
 * {@code order.placed}: outcome {@code success} when it returns, {@code error} when it throws.
 *
 * <p>The transaction is opened with a {@link TransactionTemplate} rather than {@code @Transactional} on
 * purpose: an annotation would make Spring subclass this class with a proxy, and the method named in
 * {@code vigil.yaml} should be this one, called once per order.
 */
@Service
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    /** A product and how many of it. */
    public record Line(long productId, int quantity) {
    }

    /** What a placed order looks like to the buyer. */
    public record Placed(long orderId, long customerId, long totalCents, String paymentMethod) {
    }

    private final Customers customers;
    private final Catalog catalog;
    private final OrderRepository orders;
    private final PaymentGateway payments;
    private final SlowQuery slowQuery;
    private final Faults faults;
    private final TransactionTemplate transaction;

    public OrderService(Customers customers, Catalog catalog, OrderRepository orders,
                        PaymentGateway payments, SlowQuery slowQuery, Faults faults, TransactionTemplate transaction) {
        this.customers = customers;
        this.catalog = catalog;
        this.orders = orders;
        this.payments = payments;
        this.slowQuery = slowQuery;
        this.faults = faults;
        this.transaction = transaction;
    }

    /**
     * Takes the lines out of stock, has the payment authorized and records the order, all in one
     * transaction: when anything fails, nothing is taken and nothing is ordered.
     *
     * @throws NotFoundException        an unknown customer or product
     * @throws OutOfStockException      fewer items left than ordered
     * @throws PaymentDeclinedException the payment gateway said no
     */
    public Placed placeOrder(long customerId, List<Line> lines, String paymentMethod) {
        return transaction.execute(status -> {
            // The customer and the products come from their modules: their tables are not this module's.
            Customer customer = customers.require(customerId);
            for (Line line : lines) {
                if (!catalog.takeFromStock(line.productId(), line.quantity())) {
                    if (!catalog.exists(line.productId())) {
                        throw new NotFoundException("product", line.productId());
                    }
                    throw new OutOfStockException(line.productId(), line.quantity());
                }
            }
            int slowQueryMs = faults.slowQueryMs();
            if (slowQueryMs > 0) {
                slowQuery.run(slowQueryMs); // POST /admin/faults slowQueryMs=...
            }
            ShopOrder order = new ShopOrder(customer, Instant.now(), paymentMethod);
            for (Line line : lines) {
                order.add(catalog.require(line.productId()), line.quantity());
            }
            authorize(paymentMethod, order.getTotalCents());
            orders.save(order);
            log.info("Order {} placed", order.getId());
            return new Placed(order.getId(), customerId, order.getTotalCents(), paymentMethod);
        });
    }

    /** The gateway's answer as a business event from code: no route, method or log line marks it on its own. */
    private void authorize(String method, long amountCents) {
        try {
            payments.authorize(method, amountCents);
        } catch (PaymentDeclinedException e) {
            Vigil.failure("payment.authorized", "method", method);
            throw e;
        }
        Vigil.event("payment.authorized", "method", method);
    }
}
