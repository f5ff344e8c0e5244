package dev.vigil.examples.shop.orders;

import dev.vigil.examples.shop.customers.Customers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The newest orders, twice: once the way a lot of code does it (an N+1 the agent reports) and once fixed.
 * One read-only transaction per call (open-in-view is off), so the lazy loads happen inside it.
 */
@Service
@Transactional(readOnly = true)
public class RecentOrders {

    /** How many orders the page shows. */
    public static final int LIMIT = 20;

    /** One order as the page shows it. */
    public record Summary(long id, String customer, int items, long totalCents, Instant placedAt) {
    }

    private final OrderRepository orders;
    private final Customers customers;

    public RecentOrders(OrderRepository orders, Customers customers) {
        this.orders = orders;
        this.customers = customers;
    }

    /**
     * The N+1: one SELECT for the orders, then one SELECT of {@code shop_order_line} per order as its lazy
     * lines are counted, and the customers' names from the customers module in one. 20 orders, 22 statements.
     */
    public List<Summary> lazily() {
        List<ShopOrder> newest = orders.findByOrderByIdDesc(PageRequest.of(0, LIMIT));
        // A lazy customer's id needs no statement; its name would, from this module's code: ask its owner.
        Map<Long, String> names = customers.names(newest.stream().map(o -> o.getCustomer().getId()).collect(Collectors.toSet()));
        return newest.stream().map(order -> summary(order, names.get(order.getCustomer().getId()))).toList();
    }

    /** The fix: the newest ids, then those orders with their customers and lines in one join fetch. */
    public List<Summary> fetched() {
        List<Long> ids = orders.newestIds(PageRequest.of(0, LIMIT));
        if (ids.isEmpty()) {
            return List.of();
        }
        return orders.findWithCustomerAndLines(ids).stream().map(order -> summary(order, order.getCustomer().getName())).toList();
    }

    private static Summary summary(ShopOrder order, String customer) {
        int items = order.getLines().stream().mapToInt(OrderLine::getQuantity).sum();
        return new Summary(order.getId(), customer, items, order.getTotalCents(), order.getPlacedAt());
    }
}
