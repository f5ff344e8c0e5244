package dev.vigil.examples.shop;

import org.springframework.stereotype.Component;

/**
 * Trouble on demand, for demos and tests ({@code POST /admin/faults}): a share of checkouts whose payment
 * the provider declines, a slow statement in every checkout, and a slow payment provider. All are bounded
 * so that a typo cannot stall the shop: a rate between 0 and 1, at most {@link #MAX_SLOW_QUERY_MS} per
 * statement or payment.
 */
@Component
public class Faults {

    public static final int MAX_SLOW_QUERY_MS = 5_000;

    private volatile double checkoutFailureRate;
    private volatile int slowQueryMs;
    private volatile int paymentDelayMs;

    /** The share of payments the gateway stub declines (0: none, 1: all). */
    public double checkoutFailureRate() {
        return checkoutFailureRate;
    }

    /** How long the slow statement in each checkout takes; 0 for none. */
    public int slowQueryMs() {
        return slowQueryMs;
    }

    /** How much longer than usual the payment provider takes to answer; 0 for its usual few milliseconds. */
    public int paymentDelayMs() {
        return paymentDelayMs;
    }

    public void setPaymentDelayMs(int millis) {
        if (millis < 0 || millis > MAX_SLOW_QUERY_MS) {
            throw new IllegalArgumentException("paymentDelayMs: expected 0 to " + MAX_SLOW_QUERY_MS + ", got " + millis);
        }
        this.paymentDelayMs = millis;
    }

    public void setCheckoutFailureRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) { // also refuses NaN
            throw new IllegalArgumentException("checkoutFailureRate: expected a number from 0 to 1, got " + rate);
        }
        this.checkoutFailureRate = rate;
    }

    public void setSlowQueryMs(int millis) {
        if (millis < 0 || millis > MAX_SLOW_QUERY_MS) {
            throw new IllegalArgumentException("slowQueryMs: expected 0 to " + MAX_SLOW_QUERY_MS + ", got " + millis);
        }
        this.slowQueryMs = millis;
    }

    public void reset() {
        checkoutFailureRate = 0;
        slowQueryMs = 0;
        paymentDelayMs = 0;
    }
}
