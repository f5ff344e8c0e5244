package dev.vigil.agent.traces;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The context of a span that is only its IDs (nothing exported): random IDs kept as numbers and written
 * as hex the first time something reads them, a log line, an exemplar or a downstream call. Most
 * requests are read by none of these, and the SDK's context would write and validate both IDs for
 * each of them. Valid by construction: an ID is never all zeros.
 */
final class IdsOnlySpanContext implements SpanContext {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final long traceHigh;
    private final long traceLow;
    private final long span;
    private final TraceFlags flags;
    private final TraceState state;
    // Written once when first read; a race writes the same string twice, and a String is safe to publish.
    private String traceId;
    private String spanId;

    private IdsOnlySpanContext(String traceId, long traceHigh, long traceLow, TraceFlags flags, TraceState state) {
        this.traceId = traceId;
        this.traceHigh = traceHigh;
        this.traceLow = traceLow;
        this.span = nonZero(ThreadLocalRandom.current());
        this.flags = flags;
        this.state = state;
    }

    /** A new sampled trace, as the SDK's default sampler would start it. */
    static SpanContext newTrace() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new IdsOnlySpanContext(null, random.nextLong(), nonZero(random), TraceFlags.getSampled(), TraceState.getDefault());
    }

    /** A new span in {@code parent}'s trace, with its flags and state. */
    static SpanContext childOf(SpanContext parent) {
        return new IdsOnlySpanContext(parent.getTraceId(), 0, 0, parent.getTraceFlags(), parent.getTraceState());
    }

    private static long nonZero(ThreadLocalRandom random) {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return id;
    }

    @Override
    public String getTraceId() {
        String id = traceId;
        if (id == null) {
            char[] hex = new char[32];
            writeHex(traceHigh, hex, 0);
            writeHex(traceLow, hex, 16);
            id = new String(hex);
            traceId = id;
        }
        return id;
    }

    @Override
    public String getSpanId() {
        String id = spanId;
        if (id == null) {
            char[] hex = new char[16];
            writeHex(span, hex, 0);
            id = new String(hex);
            spanId = id;
        }
        return id;
    }

    /**
     * Lower-case hex of {@code value}, 16 characters at {@code offset}. Not the API's {@code TraceId.fromLongs}:
     * it writes into a per-thread buffer that the W3C propagator is using when it reads these IDs.
     */
    private static void writeHex(long value, char[] out, int offset) {
        for (int i = 15; i >= 0; i--) {
            out[offset + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    @Override
    public TraceFlags getTraceFlags() {
        return flags;
    }

    @Override
    public TraceState getTraceState() {
        return state;
    }

    @Override
    public boolean isValid() {
        return true;
    }

    @Override
    public boolean isRemote() {
        return false;
    }

    @Override
    public String toString() {
        return "SpanContext{traceId=" + getTraceId() + ", spanId=" + getSpanId() + ", traceFlags=" + flags
                + ", traceState=" + state + ", remote=false, valid=true}";
    }
}
