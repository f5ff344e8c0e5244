package dev.vigil.examples.shop.orders;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /orders/recent}: the newest orders with a deliberate N+1 (lazy loading, one statement per
 * order); {@code GET /orders/recent-fast}: the same answer from two statements; {@code GET /orders/{id}/receipt}:
 * one order with its buyer's name, read across the module boundary ({@link OrderReceipts}).
 */
@RestController
public class OrderController {

    private final RecentOrders recent;
    private final OrderReceipts receipts;

    public OrderController(RecentOrders recent, OrderReceipts receipts) {
        this.recent = recent;
        this.receipts = receipts;
    }

    @GetMapping("/orders/recent")
    public List<RecentOrders.Summary> recent() {
        return recent.lazily();
    }

    @GetMapping("/orders/recent-fast")
    public List<RecentOrders.Summary> recentFast() {
        return recent.fetched();
    }

    @GetMapping("/orders/{id}/receipt")
    public OrderReceipts.Receipt receipt(@PathVariable("id") long id) {
        return receipts.receipt(id);
    }
}
