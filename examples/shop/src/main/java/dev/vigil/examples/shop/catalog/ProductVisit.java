package dev.vigil.examples.shop.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One visit of a product page: the shop's big table ({@link ProductVisits#SEEDED} rows from the start).
 * {@code productId} is a plain column, not a relation, and has no index: counting one product's visits reads
 * the whole table, which the index audit reports with the index that fixes it.
 */
@Entity
@Table(name = "shop_product_visit")
public class ProductVisit {

    @Id
    private Long id;

    private long productId;

    /** Seconds since the shop's epoch; only there to make a row look like a visit. */
    private long visitedAt;

    protected ProductVisit() {
        // for JPA
    }

    public Long getId() {
        return id;
    }

    public long getProductId() {
        return productId;
    }

    public long getVisitedAt() {
        return visitedAt;
    }
}
