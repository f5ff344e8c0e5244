package dev.vigil.examples.shop;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What each customer has put in the cart, kept in {@code shop_cart_item} until checkout. */
@Service
@Transactional
public class Cart {

    private final CartItemRepository items;
    private final CustomerRepository customers;
    private final ProductRepository products;

    public Cart(CartItemRepository items, CustomerRepository customers, ProductRepository products) {
        this.items = items;
        this.customers = customers;
        this.products = products;
    }

    /** Adds {@code quantity} of a product (to the line already there, if any); returns the cart. */
    public List<OrderService.Line> add(long customerId, long productId, int quantity) {
        if (!customers.existsById(customerId)) {
            throw new NotFoundException("customer", customerId);
        }
        if (!products.existsById(productId)) {
            throw new NotFoundException("product", productId);
        }
        items.findByCustomerIdAndProductId(customerId, productId).ifPresentOrElse(
                item -> item.addQuantity(quantity), // saved at commit: the item is managed
                () -> items.save(new CartItem(customerId, productId, quantity)));
        return lines(customerId);
    }

    @Transactional(readOnly = true)
    public List<OrderService.Line> lines(long customerId) {
        return items.findByCustomerIdOrderByIdAsc(customerId).stream()
                .map(item -> new OrderService.Line(item.getProductId(), item.getQuantity()))
                .toList();
    }

    public void clear(long customerId) {
        items.deleteAll(items.findByCustomerIdOrderByIdAsc(customerId));
    }
}
