package dev.vigil.agent;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isExtensionClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.vigil.agent.core.AgentThread;
import dev.vigil.agent.core.ApplicationLogging;
import dev.vigil.agent.core.Deferred;
import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.bridge.HookErrors;
import dev.vigil.agent.core.bridge.HookSlot;
import dev.vigil.agent.core.config.ConfigProblem;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ApplicationNames;
import dev.vigil.agent.core.instrument.ClassFileLocations;
import dev.vigil.agent.core.instrument.ClassHeaderFilter;
import dev.vigil.agent.core.instrument.HeaderFilteredTransformer;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import dev.vigil.agent.core.instrument.WarmUp;
import dev.vigil.agent.core.log.AgentLog;
import dev.vigil.agent.core.log.MicrometerLog;
import dev.vigil.agent.core.metrics.AgentErrors;
import dev.vigil.agent.core.metrics.FixedPrometheusConfig;
import dev.vigil.agent.core.metrics.LateErrors;
import dev.vigil.agent.core.metrics.MetricNames;
import dev.vigil.agent.endpoint.EndpointFeature;
import dev.vigil.agent.events.EventsFeature;
import dev.vigil.agent.http.HttpServerFeature;
import dev.vigil.agent.httpclient.HttpClientFeature;
import dev.vigil.agent.jdbc.JdbcFeature;
import dev.vigil.agent.jvm.JvmFeature;
import dev.vigil.agent.logs.LogsFeature;
import dev.vigil.agent.otlp.OtlpMetricsFeature;
import dev.vigil.agent.traces.ExemplarSpans;
import dev.vigil.agent.traces.TracesFeature;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * The composition root: reads the settings, makes the registry, starts each switched-on feature in order,
 * installs their instrumentations, and leaves the rest (the endpoint, JVM binders) to the agent's own thread.
 */
final class AgentRuntime {
    static final String VERSION = versionOf(AgentRuntime.class);
    /** Longer than a slow machine needs to reach a framework's logging set-up, short enough to notice. */
    private static final long LOGGING_WAIT_MILLIS = 30_000;
    /**
     * How long a hook called before the features have started waits for them (they take a fraction of a second):
     * bounded, should their start ever wait on a lock the waiting thread holds.
     */
    private static final long HOLD_MILLIS = 5_000;

    private AgentRuntime() {
    }

    /**
     * Every feature, in start order: a feature finds what earlier ones published (traces before the HTTP
     * server, which starts spans; the HTTP server before JDBC and events, which listen to its requests).
     * The JVM metrics before the endpoint and the OTLP push: the work they defer is queued before anything can
     * read the registry, so no scrape or export lacks their series. Adding a feature is adding it here.
     */
    static List<Feature> features() {
        return List.of(new TracesFeature(), new HttpServerFeature(), new JdbcFeature(), new HttpClientFeature(),
                new LogsFeature(), new EventsFeature(), new JvmFeature(), new EndpointFeature(),
                new OtlpMetricsFeature());
    }

    static void start(Instrumentation instrumentation, boolean attachedLater) {
        long startNanos = System.nanoTime();
        // Byte Buddy's builder depends on no setting and no feature: made on a second thread (loading its classes
        // is most of the work) while the settings are read on this one. It installs nothing, so it starts before
        // the settings are read, unless the command line already switches the agent off.
        Preparing builder = new Preparing();
        if (!VigilConfig.switchedOffByTheProcess()) {
            builder.start();
        }
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
            builder.cancel();
            AgentLog.info("vigil.enabled=false: the agent does nothing");
            return;
        }

        AgentLog.debug("config read in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
        builder.start();
        List<Feature> enabled = new ArrayList<>();
        List<TypeInstrumentation> instrumentations = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        boolean startFirst = false;
        for (Feature feature : features()) {
            if (!config.bool(Setting.switchOf(feature.name()).orElseThrow())) {
                continue;
            }
            try {
                List<TypeInstrumentation> its = feature.instrumentations(config);
                startFirst |= feature.instrumentsOnlyOnceStarted(config);
                for (TypeInstrumentation each : its) {
                    instrumentations.add(each);
                    owners.add(feature.name());
                }
                enabled.add(feature);
            } catch (Throwable t) {
                AgentLog.error(feature.name() + ": its instrumentation could not be made (" + t.getClass().getName()
                        + "); the feature is off");
            }
        }
        // Binding the port and the JVM binders are off the application's start-up path, and wait until the
        // application has chosen its logging: the JDK HttpServer logs through System.Logger, whose first use
        // would otherwise fix the JVM's LogManager before Quarkus or WildFly set theirs.
        Starting starting = new Starting(config, enabled, new ApplicationLogging(instrumentation, LOGGING_WAIT_MILLIS),
                startNanos, attachedLater);
        if (startFirst) {
            starting.startFeatures();
        } else {
            // The features start beside the Byte Buddy builder's making and the installation, and then beside the
            // application's main: what their hooks count before they have started waits for them.
            Thread starter = new AgentThread("vigil-start", starting);
            // Not a daemon: a process that ends at once (a command-line tool) still has its agent start and say so.
            starter.setDaemon(false);
            HookSlot.holdUntilStarted(starter, HOLD_MILLIS);
            starter.start();
        }
        boolean installed = false;
        try {
            AgentBuilder base = builder.get();
            AgentLog.debug("instrumentation prepared in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
            install(base, instrumentation, instrumentations, owners, starting.errors, attachedLater);
            installed = true;
        } finally {
            // On a failure VigilAgent says the application runs without the agent: the features then stop too.
            starting.premainEnded(installed);
        }
        if (startFirst) {
            starting.run();
        }
    }

    /**
     * The features' start, on the {@code vigil-start} thread (or in the premain, before the instrumentation is
     * installed): the registry, each feature in order, which installs its hooks, and then the held hooks go on.
     * Then, on the {@code vigil-init} thread once the application has set up its logging, each feature's late start,
     * and once the application is up, the work it deferred.
     */
    static final class Starting implements Runnable {
        /** The premain's installation ends before the start is announced: the line says how long it took. */
        private static final long PREMAIN_WAIT_MILLIS = 10_000;
        final LateErrors errors = new LateErrors();
        private final VigilConfig config;
        private final List<Feature> enabled;
        private final ApplicationLogging logging;
        private final long startNanos;
        private final boolean attachedLater;
        private final CountDownLatch premainEnded = new CountDownLatch(1);
        private volatile long premainNanos;
        /** Guarded by this, as {@link #abandoned}: a failed installation may stop them while they start. */
        private List<Feature> started = List.of();
        private boolean abandoned;
        private volatile FeatureContext context;

        Starting(VigilConfig config, List<Feature> enabled, ApplicationLogging logging, long startNanos,
                 boolean attachedLater) {
            this.config = config;
            this.enabled = enabled;
            this.logging = logging;
            this.startNanos = startNanos;
            this.attachedLater = attachedLater;
        }

        /** The premain has ended; if it could not install the instrumentation, the features stop (or never run). */
        void premainEnded(boolean installed) {
            premainNanos = System.nanoTime() - startNanos;
            if (!installed) {
                abandon();
            }
            premainEnded.countDown();
        }

        /** Stops the features that started, and keeps the others, the announcement and the late start from running. */
        private synchronized void abandon() {
            abandoned = true;
            List<Feature> running = started;
            started = List.of();
            for (int i = running.size() - 1; i >= 0; i--) {
                running.get(i).stop();
            }
        }

        private synchronized boolean abandoned() {
            return abandoned;
        }

        private synchronized List<Feature> started() {
            return started;
        }

        /** On {@code vigil-start}: starts the features, then announces them; in the premain, after it has started them. */
        @Override
        public void run() {
            boolean inPremain = context != null;
            if (!inPremain) {
                try {
                    startFeatures();
                } catch (Throwable t) {
                    AgentLog.error("vigil: the agent could not start (" + t.getClass().getName()
                            + "); the application runs without it");
                    return;
                } finally {
                    HookSlot.started();
                }
            }
            Runnable announce = () -> {
                try {
                    premainEnded.await(PREMAIN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (abandoned()) {
                    return;
                }
                AgentLog.info("vigil " + VERSION + " started for service " + config.serviceName()
                        + (attachedLater ? " (attached at runtime)" : "") + " in "
                        + (System.nanoTime() - startNanos) / 1_000_000 + " ms (the premain: " + premainNanos / 1_000_000
                        + " ms)");
            };
            if (inPremain) {
                // Written beside the application's start, not in the premain: the agent's first line builds its log
                // (Logback's classes). Not a daemon, so a process that ends at once still says the agent was there.
                AgentThread announcing = new AgentThread("vigil-started", announce);
                announcing.setDaemon(false);
                announcing.start();
            } else {
                announce.run();
            }
            if (abandoned()) {
                return;
            }
            new AgentThread("vigil-init", () -> {
                try {
                    logging.awaitSetUp();
                } catch (Throwable t) {
                    AgentLog.debug("could not wait for the application's logging: " + t);
                }
                started().forEach(feature -> startLater(feature, context));
                if (attachedLater) {
                    context.deferred().up(); // the application has been up for a while
                }
                if (!abandoned()) {
                    context.deferred().awaitUpThenRun(Deferred.UP_WAIT_MILLIS);
                }
            }).start();
        }

        void startFeatures() {
            // Before the first Micrometer class initialises, which would otherwise look for SLF4J on the class path.
            MicrometerLog.install();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(FixedPrometheusConfig.INSTANCE,
                    new PrometheusRegistry(), Clock.SYSTEM, config.bool(Setting.TRACES_ENABLED) ? new ExemplarSpans() : null);
            registry.config().commonTags(MetricNames.SERVICE_NAME, config.serviceName());
            // The service's version and instance on this one series only: on every series, a deploy starts new ones.
            Gauge.builder(MetricNames.AGENT_INFO, () -> 1)
                    .description("The Vigil agent's version; the service's version and instance")
                    .tag("version", VERSION).tag("service.version", config.serviceVersion())
                    .tag("service.instance.id", config.serviceInstanceId()).register(registry);
            AgentErrors agentErrors = new AgentErrors(registry);
            HookErrors.reportTo(agentErrors::report);
            FeatureContext made = new FeatureContext(config, registry, agentErrors);
            List<Feature> ok = new ArrayList<>();
            for (Feature feature : enabled) {
                if (abandoned()) {
                    break;
                }
                long featureNanos = System.nanoTime();
                try {
                    feature.start(made);
                    feature.pages(made.pages());
                    ok.add(feature);
                    AgentLog.debug(feature.name() + " started in " + (System.nanoTime() - featureNanos) / 1_000_000 + " ms");
                } catch (Throwable t) {
                    // One feature that cannot start costs its own signals, never the others' or the application's.
                    feature.stop();
                    agentErrors.report(feature.name(), t, "the feature could not start and is off");
                }
            }
            context = made;
            synchronized (this) {
                started = ok;
                if (abandoned) {
                    abandon(); // the installation failed while they started: stops those that did
                    return;
                }
            }
            errors.reportTo(agentErrors);
            AgentLog.debug("features ready in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
        }
    }

    private static void startLater(Feature feature, FeatureContext context) {
        try {
            feature.startLater(context);
        } catch (Throwable t) {
            context.errors().report(feature.name(), t, "its late start failed");
        }
    }

    /**
     * The part of the agent builder that depends on nothing but Byte Buddy. Advice rewrites only the methods
     * a class declares: the graph of every method it inherits, which Byte Buddy computes by default, was a
     * third of its work per transformed class. Nor does it need to validate the class it writes, which is the
     * class it read with advice inlined.
     */
    private static AgentBuilder newBuilder() {
        ByteBuddy byteBuddy = new ByteBuddy().with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                .with(TypeValidation.DISABLED);
        return new AgentBuilder.Default(byteBuddy)
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new TypePoolCaches())
                .with(new ClassFileLocations())
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE);
    }

    /**
     * Makes Byte Buddy's builder on the {@code vigil-prepare} thread, hands it over, then warms Byte Buddy up.
     * A latch, not a {@code FutureTask}: that class is one the executor instrumentation changes, and loading
     * it in the premain made Byte Buddy retransform it there, on the application's start-up path.
     */
    private static final class Preparing implements Runnable {
        private final CountDownLatch made = new CountDownLatch(1);
        private volatile AgentBuilder builder;
        private volatile Throwable failure;
        private volatile boolean cancelled;
        private boolean started;

        /** Starts the {@code vigil-prepare} thread, once. */
        void start() {
            if (!started) {
                started = true;
                Thread thread = new Thread(this, "vigil-prepare");
                thread.setDaemon(true);
                thread.start();
            }
        }

        @Override
        public void run() {
            try {
                builder = newBuilder();
            } catch (Throwable t) {
                failure = t;
            } finally {
                made.countDown();
            }
            AgentBuilder handedOver = builder;
            if (handedOver != null && !cancelled) {
                WarmUp.run(handedOver); // the premain thread installs meanwhile
            }
        }

        /** The agent is off (its YAML file said so): nothing will be installed, so there is nothing to warm up. */
        void cancel() {
            cancelled = true;
        }

        /** The builder the second thread made; made here if that failed. */
        AgentBuilder get() {
            try {
                made.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            AgentBuilder handedOver = builder;
            if (handedOver == null) {
                AgentLog.debug("preparing the agent builder failed, made again: " + failure);
                return newBuilder();
            }
            return handedOver;
        }
    }

    private static void install(AgentBuilder base, Instrumentation instrumentation, List<TypeInstrumentation> instrumentations,
                                List<String> owners, LateErrors errors, boolean attachedLater) {
        Set<String> jdkTypes = new HashSet<>();
        instrumentations.forEach(each -> jdkTypes.addAll(each.jdkTypes()));
        ElementMatcher.Junction<TypeDescription> allowedJdkType = namedOneOf(jdkTypes.toArray(new String[0]));
        AgentBuilder builder = base
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                // At premain only the JDK classes we change are loaded already: retransform just those, not
                // every loaded class. Attached at runtime, the application's classes are there too.
                .with(attachedLater ? AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.SinglePass.INSTANCE
                        : new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(loaded(instrumentation, jdkTypes)))
                .with(new FailureListener(errors))
                // Instrumented classes in named modules (jdk.httpserver) must be able to read the bridges.
                .with(new AgentBuilder.Listener.ModuleReadEdgeCompleting(instrumentation, false,
                        Set.of(JavaModule.ofType(HookSlot.class))))
                .ignore(nameStartsWith(ClassHeaderFilter.AGENT_PACKAGE)
                        .or(nameStartsWith(ApplicationNames.of("net:bytebuddy:"))).or(isSynthetic())
                        .or(startsWithAny(ClassHeaderFilter.JDK_INTERNALS).and(not(allowedJdkType))))
                // The JDK is left alone except for the classes an instrumentation names (executors, HTTP clients,
                // the JDK HttpServer's filter chain, which also covers handlers written as lambdas).
                .or(not(allowedJdkType), isBootstrapClassLoader().or(isExtensionClassLoader()));
        MatchedTypes matched = MatchedTypes.union(instrumentations.stream().map(TypeInstrumentation::matchedTypes).toList());
        if (matched.isAny()) {
            AgentLog.debug("an instrumentation cannot name the types it matches: every class goes through Byte Buddy");
        } else {
            builder = builder.with(HeaderFilteredTransformer.decorator(new ClassHeaderFilter(matched)));
        }
        ClassLoader adviceLoader = AgentRuntime.class.getClassLoader();
        for (int i = 0; i < instrumentations.size(); i++) {
            builder = instrumentations.get(i).extend(builder, new AdviceSource(adviceLoader, owners.get(i)));
        }
        builder.installOn(instrumentation);
    }

    /** Types whose name starts with any of {@code prefixes}. */
    private static ElementMatcher.Junction<TypeDescription> startsWithAny(List<String> prefixes) {
        ElementMatcher.Junction<TypeDescription> any = ElementMatchers.none();
        for (String prefix : prefixes) {
            any = any.or(nameStartsWith(prefix));
        }
        return any;
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

    private static String versionOf(Class<?> type) {
        String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Byte Buddy's failures to transform a class: counted, logged once, never raised. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        private final LateErrors errors;

        FailureListener(LateErrors errors) {
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
