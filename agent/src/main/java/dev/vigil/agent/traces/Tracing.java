package dev.vigil.agent.traces;

import dev.vigil.agent.core.FeatureApi;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The agent's own OpenTelemetry SDK (shaded, so the application's OpenTelemetry, if any, is untouched),
 * configured by the standard {@code OTEL_*} variables. It exports nowhere unless asked: no noise and
 * no connection attempts on a machine without a collector.
 */
@FeatureApi
public final class Tracing {
    private static final String INSTRUMENTATION_SCOPE = "dev.vigil.agent";

    private final Tracer tracer;
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();
    private final String exporter;
    /** No exporter and the default sampler: a span is only its IDs, made here without the SDK's span. */
    private final boolean idsOnly;

    private Tracing(Tracer tracer, String exporter) {
        this(tracer, exporter, false);
    }

    private Tracing(Tracer tracer, String exporter, boolean idsOnly) {
        this.idsOnly = idsOnly;
        this.tracer = tracer;
        this.exporter = exporter;
    }

    public static Tracing create(VigilConfig config, Map<String, String> environment,
                                 Map<String, String> systemProperties, MeterRegistry registry) {
        String exporter = exporterOf(config.string(Setting.TRACES_EXPORTER), environment, systemProperties);
        Counter dropped = Counter.builder(MetricNames.SPANS_DROPPED)
                .description("Spans the exporter could not deliver (endpoint down, queue full)")
                .register(registry);
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.traces.exporter", exporter);
        defaults.put("otel.logs.exporter", "none");
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        defaults.put("otel.service.name", config.serviceName());
        if ("none".equals(exporter) && !samplerConfigured(environment, systemProperties)) {
            // Nothing to export: spans are only trace and span IDs (startServerSpan), and no SDK is built.
            // Autoconfiguration (exporters, metrics and logs SDKs, resource detectors) would load about
            // 290 classes, a fifth of what the agent adds to start-up; the SDK's spans would cost every
            // request a span, a clock and an attribute map that nobody reads.
            return new Tracing(TracerProvider.noop().get(INSTRUMENTATION_SCOPE), exporter, true);
        }
        OpenTelemetry sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .setServiceClassLoader(Tracing.class.getClassLoader())
                .addPropertiesSupplier(() -> defaults)
                // Never the SDK's own metrics, whatever OTEL_METRICS_EXPORTER says: that variable asks for the
                // application's metrics, which the otlp-metrics feature pushes; this SDK would send only its
                // batch processor's, under a scope name the build relocated.
                .addPropertiesCustomizer(properties -> Map.of("otel.metrics.exporter", "none"))
                .addSpanExporterCustomizer((spanExporter, properties) -> new CountingExporter(spanExporter, dropped))
                .addResourceCustomizer((resource, properties) -> resource.merge(serviceInstance(config)))
                // With no exporter the SDK would hand out a no-op tracer: no trace IDs for logs, exemplars or
                // downstream calls. A processor that keeps nothing keeps the tracer real.
                .addTracerProviderCustomizer((provider, properties) -> provider.addSpanProcessor(new IdsOnlyProcessor()))
                .build()
                .getOpenTelemetrySdk();
        return new Tracing(sdk.getTracer(INSTRUMENTATION_SCOPE), exporter);
    }

    /** The service's version and instance as {@code vigil_agent_info} shows them, so spans and metrics agree. */
    private static Resource serviceInstance(VigilConfig config) {
        AttributesBuilder attributes = Attributes.builder().put("service.instance.id", config.serviceInstanceId());
        if (!config.serviceVersion().isEmpty()) {
            attributes.put("service.version", config.serviceVersion());
        }
        return Resource.create(attributes.build());
    }

    /** A sampler named the standard way needs autoconfiguration to honour it, exporter or not. */
    private static boolean samplerConfigured(Map<String, String> environment, Map<String, String> systemProperties) {
        return first(systemProperties.get("otel.traces.sampler"), environment.get("OTEL_TRACES_SAMPLER")) != null;
    }

    /**
     * {@code vigil.traces.exporter=auto}: OTLP only when the user named an endpoint or the exporter in
     * the standard way; a bare agent never tries to connect anywhere.
     */
    static String exporterOf(String setting, Map<String, String> environment, Map<String, String> systemProperties) {
        if (!"auto".equals(setting)) {
            return setting;
        }
        String named = first(systemProperties.get("otel.traces.exporter"), environment.get("OTEL_TRACES_EXPORTER"));
        if (named != null) {
            return named;
        }
        String endpoint = first(systemProperties.get("otel.exporter.otlp.endpoint"),
                environment.get("OTEL_EXPORTER_OTLP_ENDPOINT"),
                systemProperties.get("otel.exporter.otlp.traces.endpoint"),
                environment.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
        return endpoint != null ? "otlp" : "none";
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    public String exporter() {
        return exporter;
    }

    /** Whether spans leave the process: without an exporter a span is kept for its IDs only. */
    public boolean exportsSpans() {
        return !"none".equals(exporter);
    }

    /** The SDK's tracer, for spans that are exported; a no-op tracer when nothing is (see {@link #startServerSpan}). */
    public Tracer tracer() {
        return tracer;
    }

    /**
     * A SERVER span under {@code parent} (the root context, or a remote parent from {@link #extract}). When
     * nothing is exported, the span is its IDs only, as the SDK would make them with its default sampler (a
     * new span ID; the parent's trace ID, flags and state, or a new sampled trace), without the SDK's span,
     * clock and attribute map: it is there for log lines, exemplars and downstream calls, which read only IDs.
     */
    public Span startServerSpan(Context parent, String name) {
        if (!idsOnly) {
            return tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
        }
        SpanContext remote = Span.fromContext(parent).getSpanContext();
        return Span.wrap(remote.isValid() ? IdsOnlySpanContext.childOf(remote) : IdsOnlySpanContext.newTrace());
    }

    /** The remote parent of an incoming request; the root context when the headers are absent or malformed. */
    public Context extract(String traceparent, String tracestate) {
        if (traceparent == null) {
            return Context.root();
        }
        return propagator.extract(Context.root(), new String[] {traceparent, tracestate}, HEADERS);
    }

    /** Writes {@code traceparent} (and {@code tracestate}) of the current span, if there is one. */
    public void injectCurrent(BiConsumer<String, String> headers) {
        inject(Context.current(), headers);
    }

    /** Writes {@code traceparent} (and {@code tracestate}) of {@code context}'s span, if it has a valid one. */
    public void inject(Context context, BiConsumer<String, String> headers) {
        if (Span.fromContext(context).getSpanContext().isValid()) {
            propagator.inject(context, headers, (carrier, key, value) -> carrier.accept(key, value));
        }
    }

    /** {@code trace_id}, {@code span_id}, {@code trace_flags} of the current span, or null when there is none. */
    public static String[] currentLogFields() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return new String[] {span.getTraceId(), span.getSpanId(), span.getTraceFlags().asHex()};
    }

    public static final List<String> LOG_FIELD_NAMES = List.of("trace_id", "span_id", "trace_flags");

    private static final TextMapGetter<String[]> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String[] carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(String[] carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return "traceparent".equals(key) ? carrier[0] : "tracestate".equals(key) ? carrier[1] : null;
        }
    };

    /** Does nothing with spans; its presence makes the SDK create real spans, with IDs, even when nothing is exported. */
    private static final class IdsOnlyProcessor implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }

    /** Counts the spans of every failed export: a dead collector shows as a rising counter, never as a slow application. */
    private static final class CountingExporter implements SpanExporter {
        private final SpanExporter delegate;
        private final Counter dropped;

        CountingExporter(SpanExporter delegate, Counter dropped) {
            this.delegate = delegate;
            this.dropped = dropped;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            int count = spans.size();
            CompletableResultCode result = delegate.export(spans);
            result.whenComplete(() -> {
                if (!result.isSuccess()) {
                    dropped.increment(count);
                }
            });
            return result;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }
}
