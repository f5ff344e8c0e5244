package dev.vigil.agent.alerts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Prometheus' template functions, reproduced for the values the generated promtool tests expect. They
 * follow Go's {@code fmt}: {@code %.4g} keeps 4 significant digits and drops trailing zeros, which
 * Java's {@code %g} does not.
 */
final class GoFormat {
    private GoFormat() {
    }

    /** {@code humanizePercentage}: {@code %.4g%%} of value × 100. */
    static String humanizePercentage(double value) {
        return g4(value * 100) + "%";
    }

    /** {@code humanizeDuration}: {@code 975ms}, {@code 2.485s}, {@code 1m 57s}, {@code 2d 1h 0m 0s}. */
    static String humanizeDuration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return g4(seconds);
        }
        if (seconds == 0) {
            return "0s";
        }
        String sign = seconds < 0 ? "-" : "";
        double v = Math.abs(seconds);
        if (v >= 1) {
            long whole = (long) v;
            long s = whole % 60;
            long m = whole / 60 % 60;
            long h = whole / 3600 % 24;
            long d = whole / 86400;
            if (d != 0) {
                return sign + d + "d " + h + "h " + m + "m " + s + "s";
            }
            if (h != 0) {
                return sign + h + "h " + m + "m " + s + "s";
            }
            if (m != 0) {
                return sign + m + "m " + s + "s";
            }
            return sign + g4(v) + "s";
        }
        String prefix = "";
        for (String p : new String[] {"m", "u", "n", "p", "f", "a", "z", "y"}) {
            if (v >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return sign + g4(v) + prefix + "s";
    }

    /** {@code printf "%.2f"}. */
    static String twoDecimals(double value) {
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Go's {@code %.4g}. */
    static String g4(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 4) {
            String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            int abs = Math.abs(exponent);
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
