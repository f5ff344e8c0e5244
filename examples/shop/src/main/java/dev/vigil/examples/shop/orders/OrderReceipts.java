package dev.vigil.examples.shop.orders;

import dev.vigil.examples.shop.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An order's receipt, with the buyer's name. The shop's one deliberate crossing of a module boundary: the
 * name is read straight from {@code shop_customer}, the customers module's table, instead of asking
 * {@code Customers}. Vigil counts each such read in {@code vigil_db_ownership_violations_total} and shows it
 * red in the module by table matrix of {@code /vigil/audit}.
 */
@Service
@Transactional(readOnly = true)
public class OrderReceipts {

    /** What the receipt shows. */
    public record Receipt(long orderId, String customer, long totalCents, String paymentMethod) {
    }

    private final OrderRepository orders;
    private final JdbcTemplate jdbc;

    public OrderReceipts(OrderRepository orders, JdbcTemplate jdbc) {
        this.orders = orders;
        this.jdbc = jdbc;
    }

    public Receipt receipt(long orderId) {
        ShopOrder order = orders.findById(orderId).orElseThrow(() -> new NotFoundException("order", orderId));
        String customer = jdbc.queryForObject("SELECT name FROM shop_customer WHERE id = ?", String.class,
                order.getCustomer().getId());
        return new Receipt(order.getId(), customer, order.getTotalCents(), order.getPaymentMethod());
    }
}
