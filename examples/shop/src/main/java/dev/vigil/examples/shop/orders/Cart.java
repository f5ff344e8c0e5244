package dev.vigil.examples.shop.orders;

import dev.vigil.examples.shop.NotFoundException;
import dev.vigil.examples.shop.catalog.Catalog;
import dev.vigil.examples.shop.customers.Customers;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What each customer has put in the cart, kept in {@code shop_cart_item} until checkout. */
@Service
@Transactional
public class Cart {

    private final CartItemRepository items;
    private final Customers customers;
    private final Catalog catalog;

    public Cart(CartItemRepository items, Customers customers, Catalog catalog) {
        this.items = items;
        this.customers = customers;
        this.catalog = catalog;
    }

    /** Adds {@code quantity} of a product (to the line already there, if any); returns the cart. */
    public List<OrderService.Line> add(long customerId, long productId, int quantity) {
        if (!customers.exists(customerId)) {
            throw new NotFoundException("customer", customerId);
        }
        if (!catalog.exists(productId)) {
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
