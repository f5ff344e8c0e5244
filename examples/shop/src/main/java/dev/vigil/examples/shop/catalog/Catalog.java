package dev.vigil.examples.shop.catalog;

import dev.vigil.examples.shop.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the other modules may ask of the catalog, whose tables ({@code shop_product}, visits) are its own. */
@Service
@Transactional
public class Catalog {

    private final ProductRepository products;

    public Catalog(ProductRepository products) {
        this.products = products;
    }

    public Product add(String name, long priceCents, int stock) {
        return products.save(new Product(name, priceCents, stock));
    }

    /** Takes {@code quantity} out of stock if that many are left; returns false if not. */
    public boolean takeFromStock(long productId, int quantity) {
        return products.takeFromStock(productId, quantity) > 0;
    }

    /** The product, or a 404 for an unknown id. */
    @Transactional(readOnly = true)
    public Product require(long productId) {
        return products.findById(productId).orElseThrow(() -> new NotFoundException("product", productId));
    }

    @Transactional(readOnly = true)
    public boolean exists(long productId) {
        return products.existsById(productId);
    }
}
