package dev.vigil.agent.alerts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus duration in whole seconds ({@code 15m}, {@code 1h30m}, {@code 30d}), as used for
 * {@code over}, {@code for} and SLO windows. Printed back in the largest units, so {@code 90m} becomes
 * {@code 1h30m}: Prometheus has accepted such combined durations since 2.26.
 */
record PromDuration(long seconds) implements Comparable<PromDuration> {
    static final PromDuration ZERO = new PromDuration(0);

    private static final Pattern FORM = Pattern.compile(
            "(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final long[] UNIT_SECONDS = {7 * 86_400, 86_400, 3_600, 60, 1};

    static PromDuration minutes(long minutes) {
        return new PromDuration(minutes * 60);
    }

    static PromDuration hours(long hours) {
        return new PromDuration(hours * 3_600);
    }

    static PromDuration days(long days) {
        return new PromDuration(days * 86_400);
    }

    /** {@code 15m}, {@code 1h30m}; empty for anything else (no fractions, no ms: rule windows are whole seconds). */
    static Optional<PromDuration> parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (text.isBlank() || !m.matches()) {
            return Optional.empty();
        }
        long total = 0;
        for (int group = 1; group <= UNIT_SECONDS.length; group++) {
            if (m.group(group) != null) {
                try {
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(group)), UNIT_SECONDS[group - 1]));
                } catch (ArithmeticException | NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new PromDuration(total));
    }

    long minutes() {
        return seconds / 60;
    }

    PromDuration plus(PromDuration other) {
        return new PromDuration(seconds + other.seconds);
    }

    @Override
    public int compareTo(PromDuration other) {
        return Long.compare(seconds, other.seconds);
    }

    /** {@code 30d}, {@code 1h30m}, {@code 0s}: days at most, because {@code 30d} reads better than {@code 4w2d}. */
    @Override
    public String toString() {
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long rest = seconds;
        String[] units = {"d", "h", "m", "s"};
        long[] sizes = {86_400, 3_600, 60, 1};
        for (int i = 0; i < units.length; i++) {
            if (rest >= sizes[i]) {
                text.append(rest / sizes[i]).append(units[i]);
                rest %= sizes[i];
            }
        }
        return text.toString();
    }
}
