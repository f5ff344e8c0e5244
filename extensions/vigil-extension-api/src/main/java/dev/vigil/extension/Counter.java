package dev.vigil.extension;

/** A counter created by {@link ExtensionContext#counter}. */
public interface Counter {
    /** Adds one to the series with these label values, in the order the labels were declared. */
    void increment(String... labelValues);
}
