package dev.vigil.examples.shop.orders;

import dev.vigil.examples.shop.ErrorResponses;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cart and the checkout. Each POST takes JSON or a form:
 * <pre>
 * POST /cart/{customerId}/items   productId=3&amp;quantity=2
 * POST /checkout                  customerId=1&amp;productId=3&amp;quantity=2&amp;paymentMethod=card   (buy now)
 * POST /checkout                  customerId=1&amp;paymentMethod=paypal                           (the cart)
 * </pre>
 * A checkout answers 201 with the order, 400 for a bad request, 404 for an unknown customer or product,
 * 409 when out of stock and 502 when the payment gateway declines (see {@link ErrorResponses}).
 */
@RestController
public class CheckoutController {

    /** At most this many of one product per line: a typo must not empty the stock. */
    static final int MAX_QUANTITY = 50;

    /** Adding to the cart. */
    public record CartRequest(Long productId, Integer quantity) {
    }

    /** A checkout: of one product when {@code productId} is given, else of the customer's cart. */
    public record CheckoutRequest(Long customerId, Long productId, Integer quantity, String paymentMethod) {
    }

    private final OrderService orders;
    private final Cart cart;

    public CheckoutController(OrderService orders, Cart cart) {
        this.orders = orders;
        this.cart = cart;
    }

    @PostMapping(path = "/cart/{customerId}/items", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public List<OrderService.Line> addToCartJson(@PathVariable("customerId") long customerId,
                                                 @RequestBody CartRequest request) {
        return addToCart(customerId, request);
    }

    @PostMapping("/cart/{customerId}/items")
    @ResponseStatus(HttpStatus.CREATED)
    public List<OrderService.Line> addToCart(@PathVariable("customerId") long customerId,
                                             @ModelAttribute CartRequest request) {
        return cart.add(customerId, require(request.productId(), "productId"), quantity(request.quantity()));
    }

    @GetMapping("/cart/{customerId}")
    public List<OrderService.Line> cart(@PathVariable("customerId") long customerId) {
        return cart.lines(customerId);
    }

    @PostMapping(path = "/checkout", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public OrderService.Placed checkoutJson(@RequestBody CheckoutRequest request) {
        return checkout(request);
    }

    @PostMapping("/checkout")
    @ResponseStatus(HttpStatus.CREATED)
    public OrderService.Placed checkout(@ModelAttribute CheckoutRequest request) {
        long customerId = require(request.customerId(), "customerId");
        String method = request.paymentMethod() == null ? "card" : request.paymentMethod();
        if (!PaymentGateway.METHODS.contains(method)) {
            throw new IllegalArgumentException("paymentMethod: expected one of " + PaymentGateway.METHODS);
        }
        if (request.productId() != null) {
            OrderService.Line line = new OrderService.Line(request.productId(), quantity(request.quantity()));
            return orders.placeOrder(customerId, List.of(line), method);
        }
        List<OrderService.Line> lines = cart.lines(customerId);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the cart of customer " + customerId + " is empty: add items or give productId");
        }
        OrderService.Placed placed = orders.placeOrder(customerId, lines, method);
        cart.clear(customerId);
        return placed;
    }

    private static long require(Long value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": required");
        }
        return value;
    }

    private static int quantity(Integer quantity) {
        int q = quantity == null ? 1 : quantity;
        if (q < 1 || q > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity: expected 1 to " + MAX_QUANTITY + ", got " + q);
        }
        return q;
    }
}
