package dev.vigil.it.support;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} (https://www.w3.org/TR/trace-context/#traceparent-header):
 * {@code 00-<trace-id: 32 hex>-<parent-id: 16 hex>-<flags: 2 hex>}, what a caller sends and what an
 * instrumented service must pass on.
 */
public record Traceparent(String traceId, String parentId, String flags) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VERSION_00 = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    /** A fresh, sampled ({@code 01}) context, as an upstream service would send. */
    public static Traceparent random() {
        return new Traceparent(randomHex(16), randomHex(8), "01");
    }

    /** The header value: {@code 00-traceId-parentId-flags}. */
    public String header() {
        return "00-" + traceId + "-" + parentId + "-" + flags;
    }

    public boolean sampled() {
        return (Integer.parseInt(flags, 16) & 1) == 1;
    }

    /** A well-formed version-00 header with non-zero ids; anything else is empty. */
    public static Optional<Traceparent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = VERSION_00.matcher(header.strip());
        if (!m.matches() || !isValidTraceId(m.group(1)) || !isValidSpanId(m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(new Traceparent(m.group(1), m.group(2), m.group(3)));
    }

    /** 32 lower-case hex digits, not all zero (the spec's "invalid" value). */
    public static boolean isValidTraceId(String id) {
        return id != null && TRACE_ID.matcher(id).matches() && !id.chars().allMatch(c -> c == '0');
    }

    /** 16 lower-case hex digits, not all zero. */
    public static boolean isValidSpanId(String id) {
        return id != null && SPAN_ID.matcher(id).matches() && !id.chars().allMatch(c -> c == '0');
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            RANDOM.nextBytes(random);
        } while (allZero(random));
        return HexFormat.of().formatHex(random);
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return header();
    }
}
