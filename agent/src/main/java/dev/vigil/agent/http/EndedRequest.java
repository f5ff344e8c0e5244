package dev.vigil.agent.http;

import dev.vigil.agent.core.FeatureApi;

/** A server request as it was recorded: the labels of its series, and what other features kept on it. */
@FeatureApi
public interface EndedRequest {
    /** {@code http_request_method}: normalised, {@code _OTHER} for a non-standard method. */
    String method();

    /** {@code http_route}: a template, a normalised path, {@code NOT_FOUND} or {@code _OTHER}. */
    String route();

    int status();

    /** An exception escaped the handler. */
    boolean failed();

    /** The SERVER span's trace ID, or null when tracing is off. */
    String traceId();

    /** What {@code slot} kept on the request, or null if it was never asked for. */
    <T> T get(RequestSlot<T> slot);
}
