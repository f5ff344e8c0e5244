package dev.vigil.agent.otlp;

import dev.vigil.agent.core.log.AgentLog;
import dev.vigil.agent.core.log.LibraryLogger;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.exporter.otlp.internal.HttpExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Around the OTLP exporter: a collector that is down or refuses shows as a rising
 * {@code vigil_metrics_export_failures_total} and one log line, never as a slow application (the SDK exports on
 * its own thread, one request at a time, with its timeout, and keeps no queue: the next export carries fresh
 * values). Only Vigil's metrics leave: the SDK's own telemetry is not ours to send.
 */
final class DeliveryWatch implements MetricExporter {
    private final MetricExporter delegate;
    private final Counter failures;
    private final AtomicBoolean reported = new AtomicBoolean();

    DeliveryWatch(MetricExporter delegate, Counter failures) {
        this.delegate = delegate;
        this.failures = failures;
        // The exporter would log the same failure at every interval ("Failed to export 41 metrics. ..."); it is
        // reported once here instead. Its failures of spans are the traces feature's and stay as they are.
        LibraryLogger.quiet(HttpExporter.class.getName(), " metrics. ");
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
        List<MetricData> ours = metrics.stream()
                .filter(metric -> RegistryProducer.SCOPE_NAME.equals(metric.getInstrumentationScopeInfo().getName()))
                .collect(Collectors.toList());
        CompletableResultCode result = delegate.export(ours);
        result.whenComplete(() -> {
            if (!result.isSuccess()) {
                failures.increment();
                if (reported.compareAndSet(false, true)) {
                    AgentLog.warn("OTLP metrics could not be delivered (collector down or refusing?); the application runs on,"
                            + " the next interval sends fresh values, failures are counted in vigil_metrics_export_failures_total");
                }
            }
        });
        return result;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return delegate.getAggregationTemporality(instrumentType);
    }

    @Override
    public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
        return delegate.getDefaultAggregation(instrumentType);
    }

    @Override
    public MemoryMode getMemoryMode() {
        return delegate.getMemoryMode();
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
