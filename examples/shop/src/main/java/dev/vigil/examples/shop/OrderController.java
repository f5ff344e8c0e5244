package dev.vigil.examples.shop;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /orders/recent}: the newest orders with a deliberate N+1 (lazy loading, one statement per
 * order); {@code GET /orders/recent-fast}: the same answer from two statements.
 */
@RestController
public class OrderController {

    private final RecentOrders recent;

    public OrderController(RecentOrders recent) {
        this.recent = recent;
    }

    @GetMapping("/orders/recent")
    public List<RecentOrders.Summary> recent() {
        return recent.lazily();
    }

    @GetMapping("/orders/recent-fast")
    public List<RecentOrders.Summary> recentFast() {
        return recent.fetched();
    }
}
