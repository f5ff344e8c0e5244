package dev.vigil.examples.shop;

import java.time.Instant;
import java.util.List;
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

    public RecentOrders(OrderRepository orders) {
        this.orders = orders;
    }

    /**
     * The N+1: one SELECT for the orders, then one SELECT of {@code shop_order_line} per order as its lazy
     * lines are counted (and one of {@code shop_customer} per distinct customer). 20 orders, 21+ statements.
     */
    public List<Summary> lazily() {
        return orders.findByOrderByIdDesc(PageRequest.of(0, LIMIT)).stream().map(RecentOrders::summary).toList();
    }

    /** The fix: the newest ids, then those orders with their customers and lines in one join fetch. */
    public List<Summary> fetched() {
        List<Long> ids = orders.newestIds(PageRequest.of(0, LIMIT));
        if (ids.isEmpty()) {
            return List.of();
        }
        return orders.findWithCustomerAndLines(ids).stream().map(RecentOrders::summary).toList();
    }

    private static Summary summary(ShopOrder order) {
        int items = order.getLines().stream().mapToInt(OrderLine::getQuantity).sum();
        return new Summary(order.getId(), order.getCustomer().getName(), items, order.getTotalCents(), order.getPlacedAt());
    }
}
