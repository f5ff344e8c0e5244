package dev.vigil.examples.shop;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /products} (one statement) and {@code GET /products/{id}} (one statement, 404 if none). */
@RestController
public class ProductController {

    /** A product as the pages show it. */
    public record ProductView(long id, String name, long priceCents, int stock) {
        static ProductView of(Product product) {
            return new ProductView(product.getId(), product.getName(), product.getPriceCents(), product.getStock());
        }
    }

    private final ProductRepository products;

    public ProductController(ProductRepository products) {
        this.products = products;
    }

    @GetMapping("/products")
    public List<ProductView> list() {
        return products.findAllByOrderByIdAsc().stream().map(ProductView::of).toList();
    }

    @GetMapping("/products/{id}")
    public ProductView product(@PathVariable("id") long id) {
        return products.findById(id).map(ProductView::of).orElseThrow(() -> new NotFoundException("product", id));
    }
}
