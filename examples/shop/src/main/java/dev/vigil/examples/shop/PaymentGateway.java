package dev.vigil.examples.shop;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * A stand-in for the payment provider: it takes a few milliseconds, like a call to a remote API, and
 * declines the share of payments that {@link Faults#checkoutFailureRate()} asks for.
 */
@Component
public class PaymentGateway {

    /** The methods the shop takes. Also the values of the {@code method} attribute of its events: a short fixed list. */
    public static final List<String> METHODS = List.of("card", "paypal", "invoice");

    private final Faults faults;

    public PaymentGateway(Faults faults) {
        this.faults = faults;
    }

    /** Authorizes {@code amountCents} by {@code method}; throws {@link PaymentDeclinedException} when declined. */
    public void authorize(String method, long amountCents) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            Thread.sleep(random.nextInt(2, 12));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentDeclinedException(method, "interrupted");
        }
        double failureRate = faults.checkoutFailureRate();
        if (failureRate > 0 && random.nextDouble() < failureRate) {
            throw new PaymentDeclinedException(method, "declined by the payment gateway");
        }
    }
}
