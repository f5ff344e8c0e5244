package dev.vigil.examples.shop.orders;

import dev.vigil.examples.shop.catalog.Product;
import dev.vigil.examples.shop.customers.Customer;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order ("order" is a reserved word in SQL, hence the name). Its customer and its lines are lazy,
 * as they usually are: touching them outside a join fetch costs one statement each (see RecentOrders).
 */
@Entity
@Table(name = "shop_order")
public class ShopOrder {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Customer customer;

    private Instant placedAt;

    private String paymentMethod;

    private long totalCents;

    @OneToMany(mappedBy = "order", fetch = FetchType.LAZY, cascade = CascadeType.PERSIST)
    private List<OrderLine> lines = new ArrayList<>();

    protected ShopOrder() {
        // for JPA
    }

    public ShopOrder(Customer customer, Instant placedAt, String paymentMethod) {
        this.customer = customer;
        this.placedAt = placedAt;
        this.paymentMethod = paymentMethod;
    }

    /** Adds a line at the product's current price and updates the total. */
    public void add(Product product, int quantity) {
        OrderLine line = new OrderLine(this, product, quantity, product.getPriceCents());
        lines.add(line);
        totalCents += line.getPriceCents() * quantity;
    }

    public Long getId() {
        return id;
    }

    public Customer getCustomer() {
        return customer;
    }

    public Instant getPlacedAt() {
        return placedAt;
    }

    public String getPaymentMethod() {
        return paymentMethod;
    }

    public long getTotalCents() {
        return totalCents;
    }

    public List<OrderLine> getLines() {
        return lines;
    }
}
