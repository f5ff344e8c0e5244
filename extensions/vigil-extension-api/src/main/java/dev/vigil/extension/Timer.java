package dev.vigil.extension;

/** A latency histogram created by {@link ExtensionContext#timer}. */
public interface Timer {
    /** Records one duration into the series with these label values, in the order the labels were declared. */
    void record(long durationNanos, String... labelValues);
}
