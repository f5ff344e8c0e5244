package dev.vigil.agent;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isExtensionClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.vigil.agent.config.ConfigProblem;
import dev.vigil.agent.config.Setting;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.db.DbInsight;
import dev.vigil.agent.db.StatementStats;
import dev.vigil.agent.events.BusinessEvents;
import dev.vigil.agent.events.EventRule;
import dev.vigil.agent.events.EventsFile;
import dev.vigil.agent.events.HttpEvents;
import dev.vigil.agent.events.LogEvents;
import dev.vigil.agent.events.MethodEvents;
import dev.vigil.agent.extension.Extensions;
import dev.vigil.agent.instrumentation.api.VigilApiInstrumentation;
import dev.vigil.agent.instrumentation.logging.LogEventInstrumentation;
import dev.vigil.agent.instrumentation.method.MethodInstrumentation;
import dev.vigil.agent.methods.Pointcuts;
import java.nio.file.Path;
import dev.vigil.agent.http.HttpServerRecorder;
import dev.vigil.agent.overview.OverviewData;
import dev.vigil.agent.overview.RecentEvents;
import dev.vigil.agent.instrumentation.ApplicationNames;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import dev.vigil.agent.instrumentation.executor.ExecutorInstrumentation;
import dev.vigil.agent.instrumentation.httpclient.HttpClientInstrumentation;
import dev.vigil.agent.instrumentation.hikari.HikariInstrumentation;
import dev.vigil.agent.instrumentation.jaxrs.JaxRsInstrumentation;
import dev.vigil.agent.pool.PoolMetrics;
import dev.vigil.agent.instrumentation.logging.LoggingInstrumentation;
import dev.vigil.agent.tracing.ContextPropagation;
import dev.vigil.agent.tracing.ExemplarSpans;
import dev.vigil.agent.tracing.Tracing;
import io.micrometer.core.instrument.Clock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.function.Supplier;
import net.bytebuddy.matcher.ElementMatcher;
import dev.vigil.agent.instrumentation.jdbc.JdbcInstrumentation;
import dev.vigil.agent.instrumentation.jdkhttp.JdkHttpServerInstrumentation;
import dev.vigil.agent.instrumentation.servlet.ServletInstrumentation;
import dev.vigil.agent.jdbc.JdbcRecorder;
import dev.vigil.agent.log.AgentLog;
import dev.vigil.agent.metrics.AgentErrors;
import dev.vigil.agent.metrics.JvmMetrics;
import dev.vigil.agent.metrics.EndpointAuth;
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
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
                new PrometheusRegistry(), Clock.SYSTEM, config.bool(Setting.TRACES_ENABLED) ? new ExemplarSpans() : null);
        registry.config().commonTags(MetricNames.SERVICE_NAME, config.serviceName());
        // The service's version and instance on this one series only: on every series, a deploy starts new ones.
        Gauge.builder(MetricNames.AGENT_INFO, () -> 1)
                .description("The Vigil agent's version; the service's version and instance")
                .tag("version", VERSION).tag("service.version", config.serviceVersion())
                .tag("service.instance.id", config.serviceInstanceId()).register(registry);
        AgentErrors errors = new AgentErrors(registry);

        Tracing tracing = startTracing(config, registry);
        HttpServerRecorder http = config.bool(Setting.HTTP_ENABLED)
                ? new HttpServerRecorder(registry, config.integer(Setting.HTTP_MAX_ROUTES), tracing) : null;
        JdbcRecorder jdbc = config.bool(Setting.JDBC_ENABLED)
                ? new JdbcRecorder(registry, config.integer(Setting.JDBC_MAX_COLLECTIONS), tracing) : null;
        ContextPropagation context = tracing == null ? null : new ContextPropagation(tracing);
        DbInsight insight = null;
        if (jdbc != null) {
            insight = new DbInsight(registry, config.integer(Setting.DB_N_PLUS_ONE_THRESHOLD),
                    config.integer(Setting.DB_SLOW_QUERY_THRESHOLD_MS), config.integer(Setting.DB_TOP_STATEMENTS),
                    http != null ? http::currentQueries : () -> null);
            jdbc.reportQueriesTo(insight);
            if (http != null) {
                http.reportRequestsTo(insight);
            }
        }
        Map<String, Supplier<Object>> pages = new HashMap<>();
        RecentEvents recentEvents = null;
        if (insight != null) {
            StatementStats statements = insight.statements();
            pages.put("/vigil/queries", () -> Map.of("statements", statements.top(50)));
            recentEvents = new RecentEvents();
            insight.reportEventsTo(recentEvents);
        }
        OverviewData overview = new OverviewData(registry, insight == null ? null : insight.statements(), recentEvents);
        pages.put("/vigil/overview.json", overview::snapshot);

        BusinessEvents events = new BusinessEvents(registry);
        Pointcuts pointcuts = new Pointcuts();
        LogEvents logEvents = declareEvents(config, events, pointcuts, http);
        Extensions.install(config.string(Setting.EXTENSIONS), registry, events, pointcuts);
        VigilBridge.install(new AgentHooks(http, jdbc, context, errors)
                .withPools(jdbc == null ? null : new PoolMetrics(registry))
                .withEvents(events, pointcuts, logEvents));

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
            instrumentations.add(new HikariInstrumentation());
        }
        if (context != null) {
            instrumentations.add(new ExecutorInstrumentation());
            instrumentations.add(new HttpClientInstrumentation());
            instrumentations.add(new LoggingInstrumentation());
        }
        instrumentations.add(new VigilApiInstrumentation());
        if (!pointcuts.isEmpty()) {
            instrumentations.add(new MethodInstrumentation(pointcuts));
        }
        if (logEvents != null) {
            instrumentations.add(new LogEventInstrumentation());
        }
        install(instrumentation, instrumentations, errors, attachedLater);
        if (!pointcuts.isEmpty()) {
            pointcuts.checkClassesExist(ClassLoader.getSystemClassLoader());
        }

        // Binding the port and the JVM binders are off the application's start-up path.
        Runnable onServingThread = http == null ? () -> { } : http::ignoreCurrentThread;
        Thread init = new Thread(() -> startEndpoint(config, registry, onServingThread, pages), "vigil-init");
        init.setDaemon(true);
        init.start();
        AgentLog.info("vigil " + VERSION + " started for service " + config.serviceName()
                + (attachedLater ? " (attached at runtime)" : "") + " in "
                + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
    }

    /**
     * The business events of {@code vigil.yaml}: registered (so they show 0 before the first one), wired to
     * the HTTP recorder and the method pointcuts. Returns the log events, or null if there are none.
     */
    private static LogEvents declareEvents(VigilConfig config, BusinessEvents events, Pointcuts pointcuts,
                                           HttpServerRecorder http) {
        String file = config.string(Setting.CONFIG);
        if (file.isEmpty()) {
            return null;
        }
        List<ConfigProblem> problems = new ArrayList<>();
        List<EventRule> rules = EventsFile.read(Path.of(file), problems);
        problems.forEach(problem -> AgentLog.error(problem.message()));
        List<EventRule.Http> httpRules = new ArrayList<>();
        List<EventRule.Method> methodRules = new ArrayList<>();
        List<EventRule.Log> logRules = new ArrayList<>();
        for (EventRule rule : rules) {
            if (rule instanceof EventRule.Http h) {
                httpRules.add(h);
            } else if (rule instanceof EventRule.Method m) {
                methodRules.add(m);
            } else if (rule instanceof EventRule.Log l) {
                logRules.add(l);
            }
        }
        if (!httpRules.isEmpty()) {
            if (http == null) {
                AgentLog.warn("vigil.http.enabled=false: the " + httpRules.size() + " HTTP events of " + file + " count nothing");
            } else {
                http.reportEventsTo(new HttpEvents(httpRules, events));
            }
        }
        MethodEvents.register(methodRules, events, pointcuts);
        if (!rules.isEmpty()) {
            AgentLog.info(rules.size() + " business events declared in " + file);
        }
        return logRules.isEmpty() ? null : new LogEvents(logRules, events);
    }

    /** The SDK, or null when tracing is off or cannot start (then metrics still work). */
    private static Tracing startTracing(VigilConfig config, PrometheusMeterRegistry registry) {
        if (!config.bool(Setting.TRACES_ENABLED)) {
            return null;
        }
        try {
            Map<String, String> properties = new HashMap<>();
            System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
            Tracing tracing = Tracing.create(config, System.getenv(), properties, registry);
            AgentLog.debug("traces exported to: " + tracing.exporter());
            return tracing;
        } catch (Throwable t) {
            AgentLog.error("tracing could not start (" + t.getClass().getName() + ": " + t.getMessage()
                    + "); check the OTEL_* settings. Metrics work without it");
            return null;
        }
    }

    private static void install(Instrumentation instrumentation, List<TypeInstrumentation> instrumentations,
                                AgentErrors errors, boolean attachedLater) {
        Set<String> jdkTypes = new HashSet<>();
        instrumentations.forEach(each -> jdkTypes.addAll(each.jdkTypes()));
        ElementMatcher.Junction<TypeDescription> allowedJdkType = namedOneOf(jdkTypes.toArray(new String[0]));
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                // At premain only the JDK classes we change are loaded already: retransform just those, not
                // every loaded class. Attached at runtime, the application's classes are there too.
                .with(attachedLater ? AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.SinglePass.INSTANCE
                        : new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(loaded(instrumentation, jdkTypes)))
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new TypePoolCaches())
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new FailureListener(errors))
                // Instrumented classes in named modules (jdk.httpserver) must be able to read the bridge.
                .with(new AgentBuilder.Listener.ModuleReadEdgeCompleting(instrumentation, false,
                        Set.of(JavaModule.ofType(VigilBridge.class))))
                .ignore(nameStartsWith("dev.vigil.agent.").or(nameStartsWith("dev.vigil.bootstrap."))
                        .or(nameStartsWith(ApplicationNames.of("net:bytebuddy:"))).or(isSynthetic())
                        .or(nameStartsWith("jdk.internal.").or(nameStartsWith("sun.")).and(not(allowedJdkType))))
                // The JDK is left alone except for the classes an instrumentation names (executors, HTTP clients,
                // the JDK HttpServer's filter chain, which also covers handlers written as lambdas).
                .or(not(allowedJdkType), isBootstrapClassLoader().or(isExtensionClassLoader()));
        ClassLoader adviceLoader = AgentRuntime.class.getClassLoader();
        for (TypeInstrumentation each : instrumentations) {
            builder = each.extend(builder, adviceLoader);
        }
        builder.installOn(instrumentation);
    }

    private static Set<Class<?>> loaded(Instrumentation instrumentation, Set<String> names) {
        Set<Class<?>> loaded = new HashSet<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (names.contains(type.getName())) {
                loaded.add(type);
            }
        }
        return loaded;
    }

    private static void startEndpoint(VigilConfig config, PrometheusMeterRegistry registry, Runnable onServingThread,
                                      Map<String, Supplier<Object>> pages) {
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
            EndpointAuth auth = EndpointAuth.of(config.string(Setting.METRICS_TOKEN), config.string(Setting.METRICS_BASIC_AUTH));
            MetricsEndpoint endpoint = MetricsEndpoint.start(host, port, registry, onServingThread, pages, auth);
            AgentLog.info("metrics at http://" + host + ":" + endpoint.port() + "/metrics"
                    + (auth == null ? "" : ", asking for " + auth.schemes()));
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
            // Byte Buddy's message says what did not fit (a missing field or method): about the library, not its data.
            errors.report("transform", throwable, "could not instrument " + typeName + ", a version the agent does not know? "
                    + throwable.getMessage());
            AgentLog.debug("could not instrument " + typeName + ": " + throwable);
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                                     boolean loaded, DynamicType dynamicType) {
            AgentLog.debug("instrumented " + typeDescription.getName());
        }
    }
}
