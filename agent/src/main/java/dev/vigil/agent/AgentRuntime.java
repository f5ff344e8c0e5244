package dev.vigil.agent;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isExtensionClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.vigil.agent.config.ConfigProblem;
import dev.vigil.agent.config.Setting;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.http.HttpServerRecorder;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import dev.vigil.agent.instrumentation.jaxrs.JaxRsInstrumentation;
import dev.vigil.agent.instrumentation.jdbc.JdbcInstrumentation;
import dev.vigil.agent.instrumentation.jdkhttp.JdkHttpServerInstrumentation;
import dev.vigil.agent.instrumentation.servlet.ServletInstrumentation;
import dev.vigil.agent.jdbc.JdbcRecorder;
import dev.vigil.agent.log.AgentLog;
import dev.vigil.agent.metrics.AgentErrors;
import dev.vigil.agent.metrics.JvmMetrics;
import dev.vigil.agent.metrics.MetricNames;
import dev.vigil.agent.metrics.MetricsEndpoint;
import dev.vigil.bootstrap.VigilBridge;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.instrument.Instrumentation;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/** Wires config, log, registry, recorders, instrumentation and the endpoint, in that order. */
final class AgentRuntime {
    static final String VERSION = versionOf(AgentRuntime.class);

    private AgentRuntime() {
    }

    static void start(Instrumentation instrumentation, boolean attachedLater) {
        long startNanos = System.nanoTime();
        VigilConfig config = VigilConfig.fromSystem();
        AgentLog.configure(config.string(Setting.LOG_LEVEL), config.string(Setting.LOG_FILE));
        for (ConfigProblem problem : config.problems()) {
            if (problem.severity() == ConfigProblem.Severity.ERROR) {
                AgentLog.error(problem.message());
            } else {
                AgentLog.warn(problem.message());
            }
        }
        if (!config.bool(Setting.ENABLED)) {
            AgentLog.info("vigil.enabled=false: the agent does nothing");
            return;
        }

        AgentLog.debug("config read in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(MetricNames.SERVICE_NAME, config.serviceName());
        Gauge.builder(MetricNames.AGENT_INFO, () -> 1).description("The Vigil agent's version")
                .tag("version", VERSION).register(registry);
        AgentErrors errors = new AgentErrors(registry);

        HttpServerRecorder http = config.bool(Setting.HTTP_ENABLED)
                ? new HttpServerRecorder(registry, config.integer(Setting.HTTP_MAX_ROUTES)) : null;
        JdbcRecorder jdbc = config.bool(Setting.JDBC_ENABLED)
                ? new JdbcRecorder(registry, config.integer(Setting.JDBC_MAX_COLLECTIONS)) : null;
        VigilBridge.install(new AgentHooks(http, jdbc, errors));

        AgentLog.debug("recorders ready in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
        List<TypeInstrumentation> instrumentations = new ArrayList<>();
        if (http != null) {
            instrumentations.add(ServletInstrumentation.jakarta());
            instrumentations.add(ServletInstrumentation.javax());
            instrumentations.add(new JdkHttpServerInstrumentation());
            instrumentations.add(JaxRsInstrumentation.jakarta());
            instrumentations.add(JaxRsInstrumentation.javax());
        }
        if (jdbc != null) {
            instrumentations.add(new JdbcInstrumentation());
        }
        install(instrumentation, instrumentations, errors, attachedLater);

        // Binding the port and the JVM binders are off the application's start-up path.
        Runnable onServingThread = http == null ? () -> { } : http::ignoreCurrentThread;
        Thread init = new Thread(() -> startEndpoint(config, registry, onServingThread), "vigil-init");
        init.setDaemon(true);
        init.start();
        AgentLog.info("vigil " + VERSION + " started for service " + config.serviceName()
                + (attachedLater ? " (attached at runtime)" : "") + " in "
                + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
    }

    private static void install(Instrumentation instrumentation, List<TypeInstrumentation> instrumentations,
                                AgentErrors errors, boolean attachedLater) {
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                // At premain almost nothing is loaded yet: skip the walk over loaded classes. Attached at
                // runtime, the application's classes are already there and must be retransformed.
                .with(attachedLater ? AgentBuilder.RedefinitionStrategy.RETRANSFORMATION
                        : AgentBuilder.RedefinitionStrategy.DISABLED)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new FailureListener(errors))
                // Instrumented classes in named modules (jdk.httpserver) must be able to read the bridge.
                .with(new AgentBuilder.Listener.ModuleReadEdgeCompleting(instrumentation, false,
                        Set.of(JavaModule.ofType(VigilBridge.class))))
                .ignore(nameStartsWith("dev.vigil.agent.").or(nameStartsWith("dev.vigil.bootstrap.")).or(nameStartsWith("net.bytebuddy."))
                        .or(nameStartsWith("jdk.internal.")).or(nameStartsWith("sun.")).or(isSynthetic()))
                // JDK classes are left alone, except the JDK HttpServer's filter chain: every exchange passes
                // through it, including handlers written as lambdas, which cannot be instrumented themselves.
                .or(not(named(JdkHttpServerInstrumentation.FILTER_CHAIN)),
                        isBootstrapClassLoader().or(isExtensionClassLoader()));
        ClassLoader adviceLoader = AgentRuntime.class.getClassLoader();
        for (TypeInstrumentation each : instrumentations) {
            builder = each.extend(builder, adviceLoader);
        }
        builder.installOn(instrumentation);
    }

    private static void startEndpoint(VigilConfig config, PrometheusMeterRegistry registry, Runnable onServingThread) {
        if (config.bool(Setting.JVM_METRICS_ENABLED)) {
            try {
                JvmMetrics.bindTo(registry);
            } catch (Throwable t) {
                AgentLog.warn("JVM metrics unavailable (" + t.getClass().getName() + "); the rest works");
            }
        }
        if (!config.metricsEndpointEnabled()) {
            return;
        }
        String host = config.string(Setting.METRICS_HOST);
        int port = config.integer(Setting.METRICS_PORT);
        try {
            MetricsEndpoint endpoint = MetricsEndpoint.start(host, port, registry, onServingThread);
            AgentLog.info("metrics at http://" + host + ":" + endpoint.port() + "/metrics");
        } catch (BindException e) {
            AgentLog.error("vigil.metrics.port: port " + port + " on " + host
                    + " is already in use; metrics are not served, the application runs on. Set -Dvigil.metrics.port to a free port");
        } catch (Throwable t) {
            AgentLog.error("vigil.metrics.host/vigil.metrics.port: cannot serve metrics on " + host + ":" + port
                    + " (" + t.getClass().getName() + "); the application runs on");
        }
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Byte Buddy's failures to transform a class: counted, logged once, never raised. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        private final AgentErrors errors;

        FailureListener(AgentErrors errors) {
            this.errors = errors;
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            errors.report("transform", throwable);
            AgentLog.debug("could not instrument " + typeName + ": " + throwable);
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                                     boolean loaded, DynamicType dynamicType) {
            AgentLog.debug("instrumented " + typeDescription.getName());
        }
    }
}
