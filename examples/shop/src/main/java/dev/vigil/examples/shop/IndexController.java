package dev.vigil.examples.shop;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /}: what there is to try. */
@RestController
public class IndexController {

    private static final String INDEX = """
            Vigil example shop

            GET  /products                   the catalog (one statement)
            GET  /products/{id}              one product
            GET  /products/{id}/visits       visits of its page: a full scan of a 100,000-row table (no index)
            GET  /orders/recent              the newest 20 orders: a deliberate N+1 (one statement per order)
            GET  /orders/recent-fast         the same, fixed with a join fetch (two statements)
            GET  /orders/{id}/receipt        the orders module reading the customers module's table
            POST /cart/{customerId}/items    productId=3&quantity=2
            GET  /cart/{customerId}
            POST /checkout                   customerId=1&productId=3&quantity=1&paymentMethod=card (or the cart without productId)
            POST /signup                     name=Ada&email=ada@example.com
            POST /admin/faults               checkoutFailureRate=0.5, slowQueryMs=300 (DELETE to reset)
            GET  /slow?ms=600                a slow statement
            GET  /boom                       an exception: 500

            Customers 1-6 and products 1-10 exist from the start; product 10 has 3 left.
            """;

    @GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
    public String index() {
        return INDEX;
    }
}
