package dev.vigil.examples.shop.orders;

/** The payment gateway declined or failed: the checkout answers 502 Bad Gateway and nothing is ordered. */
public class PaymentDeclinedException extends RuntimeException {

    public PaymentDeclinedException(String method, String why) {
        super("payment by " + method + ": " + why);
    }
}
