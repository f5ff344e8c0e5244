package dev.vigil.agent.httpclient;

import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import dev.vigil.agent.traces.Tracing;
import java.util.List;

/** Outgoing HTTP calls (the JDK's {@code HttpClient} and {@code HttpURLConnection}) carry the current trace. */
public final class HttpClientFeature implements Feature {
    private boolean on;

    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public void start(FeatureContext context) {
        Tracing tracing = context.find(Tracing.class);
        on = tracing != null;
        if (on) {
            HttpClientHooks.SLOT.set(new OutgoingTrace(tracing));
        }
    }

    @Override
    public List<TypeInstrumentation> instrumentations() {
        return on ? List.of(new HttpClientInstrumentation()) : List.of();
    }

    @Override
    public void stop() {
        HttpClientHooks.SLOT.set(null);
    }
}
