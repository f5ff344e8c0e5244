package dev.vigil.agent.http;

import dev.vigil.agent.core.Deferred;
import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import dev.vigil.agent.http.bridge.ConnectionHooks;
import dev.vigil.agent.http.bridge.HelidonServerHooks;
import dev.vigil.agent.http.bridge.HttpServerHooks;
import dev.vigil.agent.http.bridge.JoobyServerHooks;
import dev.vigil.agent.http.bridge.KtorServerHooks;
import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import dev.vigil.agent.http.bridge.ResteasyReactiveHooks;
import dev.vigil.agent.http.bridge.VertxServerHooks;
import dev.vigil.agent.http.helidon.HelidonServerInstrumentation;
import dev.vigil.agent.http.helidon.HelidonServerRecorder;
import dev.vigil.agent.http.jaxrs.JaxRsInstrumentation;
import dev.vigil.agent.http.javalin.JavalinInstrumentation;
import dev.vigil.agent.http.jaxrs.ResteasyReactiveInstrumentation;
import dev.vigil.agent.http.jaxrs.ResteasyReactiveRoutes;
import dev.vigil.agent.http.jdkhttp.JdkHttpServerInstrumentation;
import dev.vigil.agent.http.jooby.JoobyInstrumentation;
import dev.vigil.agent.http.jooby.JoobyServerRecorder;
import dev.vigil.agent.http.ktor.KtorInstrumentation;
import dev.vigil.agent.http.ktor.KtorServerRecorder;
import dev.vigil.agent.http.micronaut.MicronautInstrumentation;
import dev.vigil.agent.http.reactornetty.ReactorNettyServerInstrumentation;
import dev.vigil.agent.http.servlet.ServletInstrumentation;
import dev.vigil.agent.http.spark.SparkInstrumentation;
import dev.vigil.agent.http.vertx.VertxServerInstrumentation;
import dev.vigil.agent.http.vertx.VertxServerRecorder;
import dev.vigil.agent.http.unmatched.AcceptInstrumentation;
import dev.vigil.agent.http.webflux.WebFluxInstrumentation;
import dev.vigil.agent.traces.Tracing;
import java.util.List;

/**
 * Server requests as {@code http_server_request_duration_seconds}, with the framework's route template,
 * and a SERVER span each when tracing is on. Publishes {@link ServerRequests}.
 */
public final class HttpServerFeature implements Feature {
    @Override
    public String name() {
        return "http";
    }

    @Override
    public void start(FeatureContext context) {
        VigilConfig config = context.config();
        String declared = config.string(Setting.HTTP_ROUTES);
        HttpServerRecorder.Limits limits = new HttpServerRecorder.Limits(config.integer(Setting.HTTP_MAX_TEMPLATES),
                config.integer(Setting.HTTP_MAX_ROUTES), config.integer(Setting.METRICS_MAX_SERIES),
                declared.isEmpty() ? List.of() : List.of(declared.split(",")));
        HttpServerRecorder recorder = new HttpServerRecorder(context.registry(), limits, context.find(Tracing.class));
        context.publish(ServerRequests.class, recorder);
        // The first answer is out: the application is up, and the work the agent deferred may run beside it.
        Deferred deferred = context.deferred();
        recorder.onEnd(request -> deferred.up());
        HttpServerHooks.SLOT.set(recorder);
        VertxServerHooks.SLOT.set(new VertxServerRecorder(recorder));
        HelidonServerHooks.SLOT.set(new HelidonServerRecorder(recorder));
        ResteasyReactiveHooks.SLOT.set(new ResteasyReactiveRoutes(recorder));
        ReactiveRequests reactive = new ReactiveRequests(recorder);
        ReactiveServerHooks.SLOT.set(reactive);
        KtorServerHooks.SLOT.set(new KtorServerRecorder(reactive));
        JoobyServerHooks.SLOT.set(new JoobyServerRecorder(reactive));
        ConnectionHooks.SLOT.set(new UnmatchedServerWatch(recorder::anyRequest, UnmatchedServerWatch.GRACE_SECONDS * 1000,
                config.integer(Setting.METRICS_PORT)));
    }

    @Override
    public List<TypeInstrumentation> instrumentations(VigilConfig config) {
        return List.of(ServletInstrumentation.jakarta(), ServletInstrumentation.javax(),
                new JdkHttpServerInstrumentation(), JaxRsInstrumentation.jakarta(), JaxRsInstrumentation.javax(),
                new VertxServerInstrumentation(), new ResteasyReactiveInstrumentation(),
                new ReactorNettyServerInstrumentation(), new WebFluxInstrumentation(), new MicronautInstrumentation(),
                new HelidonServerInstrumentation(), new JavalinInstrumentation(), new SparkInstrumentation(),
                new KtorInstrumentation(), new JoobyInstrumentation(),
                new AcceptInstrumentation());
    }

    @Override
    public void stop() {
        HttpServerHooks.SLOT.set(null);
        VertxServerHooks.SLOT.set(null);
        HelidonServerHooks.SLOT.set(null);
        ResteasyReactiveHooks.SLOT.set(null);
        ReactiveServerHooks.SLOT.set(null);
        KtorServerHooks.SLOT.set(null);
        JoobyServerHooks.SLOT.set(null);
        ConnectionHooks.SLOT.set(null);
    }
}
