package dev.vigil.agent.httpclient;

import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import dev.vigil.agent.http.RequestSlot;
import dev.vigil.agent.http.ServerRequests;
import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import dev.vigil.agent.httpclient.apache4.Apache4Instrumentation;
import dev.vigil.agent.httpclient.apache5.Apache5AsyncInstrumentation;
import dev.vigil.agent.httpclient.apache5.Apache5Instrumentation;
import dev.vigil.agent.httpclient.jdk.JdkHttpClientInstrumentation;
import dev.vigil.agent.httpclient.okhttp.OkHttpInstrumentation;
import dev.vigil.agent.httpclient.reactornetty.ReactorNettyClientInstrumentation;
import dev.vigil.agent.traces.Tracing;
import java.util.List;

/**
 * Outgoing HTTP calls as {@code http_client_request_duration_seconds}, each carrying the current trace
 * (W3C {@code traceparent}), and the time each server request spent in them. One sub-package per client
 * library holds its matchers and advice.
 */
public final class HttpClientFeature implements Feature {
    /** The client time of the server request running on this thread, kept on the request by the HTTP feature. */
    private static final RequestSlot<RequestClientTime> CLIENT_TIME = RequestSlot.of(RequestClientTime::new);

    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public void start(FeatureContext context) {
        VigilConfig config = context.config();
        ServerRequests requests = context.find(ServerRequests.class);
        if (requests != null) {
            ClientTimePerRequest perRequest = new ClientTimePerRequest(context.registry(),
                    config.integer(Setting.METRICS_MAX_SERIES));
            requests.onEnd(request -> perRequest.onRequestEnd(request.get(CLIENT_TIME), request.route()));
        }
        HttpClientHooks.SLOT.set(new HttpClientRecorder(context.registry(),
                config.integer(Setting.HTTP_CLIENT_MAX_ADDRESSES), config.integer(Setting.METRICS_MAX_SERIES),
                context.find(Tracing.class), requests == null ? () -> null : () -> requests.current(CLIENT_TIME)));
    }

    @Override
    public List<TypeInstrumentation> instrumentations(VigilConfig config) {
        return List.of(new JdkHttpClientInstrumentation(), new Apache5Instrumentation(), new Apache5AsyncInstrumentation(),
                new Apache4Instrumentation(), new OkHttpInstrumentation(), new ReactorNettyClientInstrumentation());
    }

    @Override
    public void stop() {
        HttpClientHooks.SLOT.set(null);
    }
}
