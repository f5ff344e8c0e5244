package dev.vigil.examples.shop.orders;

import dev.vigil.examples.shop.catalog.Product;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One product of an order, with the quantity and the price paid for each. */
@Entity
@Table(name = "shop_order_line")
public class OrderLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private ShopOrder order;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Product product;

    private int quantity;

    private long priceCents;

    protected OrderLine() {
        // for JPA
    }

    OrderLine(ShopOrder order, Product product, int quantity, long priceCents) {
        this.order = order;
        this.product = product;
        this.quantity = quantity;
        this.priceCents = priceCents;
    }

    public Long getId() {
        return id;
    }

    public Product getProduct() {
        return product;
    }

    public int getQuantity() {
        return quantity;
    }

    public long getPriceCents() {
        return priceCents;
    }
}
