package dev.vigil.agent.http;

import dev.vigil.agent.core.FeatureApi;

/** Told when a server request has ended; called on the thread that ended it, so keep it short. */
@FeatureApi
@FunctionalInterface
public interface RequestListener {
    void ended(EndedRequest request);
}
