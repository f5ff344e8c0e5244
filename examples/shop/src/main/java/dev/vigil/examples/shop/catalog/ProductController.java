package dev.vigil.examples.shop.catalog;

import dev.vigil.examples.shop.NotFoundException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /products} (one statement), {@code GET /products/{id}} (one statement, 404 if none) and
 * {@code GET /products/{id}/visits} (one statement that scans the big visits table).
 */
@RestController
public class ProductController {

    /** A product as the pages show it. */
    public record ProductView(long id, String name, long priceCents, int stock) {
        static ProductView of(Product product) {
            return new ProductView(product.getId(), product.getName(), product.getPriceCents(), product.getStock());
        }
    }

    /** How often a product's page was visited. */
    public record Visits(long productId, long visits) {
    }

    private final ProductRepository products;
    private final ProductVisits visits;

    public ProductController(ProductRepository products, ProductVisits visits) {
        this.products = products;
        this.visits = visits;
    }

    @GetMapping("/products")
    public List<ProductView> list() {
        return products.findAllByOrderByIdAsc().stream().map(ProductView::of).toList();
    }

    @GetMapping("/products/{id}")
    public ProductView product(@PathVariable("id") long id) {
        return products.findById(id).map(ProductView::of).orElseThrow(() -> new NotFoundException("product", id));
    }

    @GetMapping("/products/{id}/visits")
    public Visits visits(@PathVariable("id") long id) {
        return new Visits(id, visits.count(id));
    }
}
