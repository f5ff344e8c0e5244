package dev.vigil.examples.shop.orders;

/** Fewer items left than ordered: the checkout answers 409 Conflict and nothing is ordered. */
public class OutOfStockException extends RuntimeException {

    public OutOfStockException(long productId, int quantity) {
        super("product " + productId + ": fewer than " + quantity + " left in stock");
    }
}
