package dev.vigil.agent.otlp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The registry's meters as OpenTelemetry metric data, read at export time: the same series, names, attributes
 * and bucket bounds as {@code /metrics}, under the OpenTelemetry names ({@code http.server.request.duration},
 * unit {@code s}, where Prometheus shows {@code http_server_request_duration_seconds}). Nothing is recorded twice,
 * so a request costs the same with the push on or off.
 *
 * <p>Micrometer keeps cumulative values. With delta temporality the producer remembers what it sent and sends
 * the difference, starting each point where the previous export ended.
 */
final class RegistryProducer implements MetricProducer {
    static final String SCOPE_NAME = "dev.vigil.agent";
    private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.builder(SCOPE_NAME)
            .setVersion(versionOf(RegistryProducer.class)).build();

    private final MeterRegistry registry;
    private final AggregationTemporalitySelector temporality;
    private final long startEpochNanos;
    private final Runnable beforeProduce;
    /** For delta temporality: each series' cumulative values at the previous export. */
    private Map<Meter.Id, double[]> previous = new HashMap<>();
    private long previousEpochNanos;

    /** {@code beforeProduce} runs before each export: the meters bound once the application is up are bound by then. */
    RegistryProducer(MeterRegistry registry, AggregationTemporalitySelector temporality, Runnable beforeProduce) {
        this(registry, temporality, processStart(), beforeProduce);
    }

    RegistryProducer(MeterRegistry registry, AggregationTemporalitySelector temporality, long startEpochNanos) {
        this(registry, temporality, startEpochNanos, () -> { });
    }

    private RegistryProducer(MeterRegistry registry, AggregationTemporalitySelector temporality, long startEpochNanos,
                             Runnable beforeProduce) {
        this.registry = registry;
        this.temporality = temporality;
        this.startEpochNanos = startEpochNanos;
        this.previousEpochNanos = startEpochNanos;
        this.beforeProduce = beforeProduce;
    }

    @Override
    public synchronized Collection<MetricData> produce(Resource resource) {
        beforeProduce.run();
        long now = epochNanos();
        Map<String, List<Meter>> byName = new LinkedHashMap<>();
        for (Meter meter : registry.getMeters()) {
            byName.computeIfAbsent(meter.getId().getName(), name -> new ArrayList<>()).add(meter);
        }
        Map<Meter.Id, double[]> sent = new HashMap<>();
        List<MetricData> metrics = new ArrayList<>();
        for (List<Meter> meters : byName.values()) {
            MetricData metric = convert(resource, meters, now, sent);
            if (metric != null) {
                metrics.add(metric);
            }
        }
        previous = sent;
        previousEpochNanos = now;
        return metrics;
    }

    private MetricData convert(Resource resource, List<Meter> meters, long now, Map<Meter.Id, double[]> sent) {
        Meter first = meters.get(0);
        Meter.Id id = first.getId();
        String description = id.getDescription() == null ? "" : id.getDescription();
        if (first instanceof Timer || first instanceof DistributionSummary || first instanceof FunctionTimer) {
            AggregationTemporality chosen = temporality.getAggregationTemporality(InstrumentType.HISTOGRAM);
            List<HistogramPointData> points = new ArrayList<>();
            for (Meter meter : meters) {
                points.add(histogramPoint(meter.getId(), histogram(meter), chosen, now, sent));
            }
            String unit = first instanceof DistributionSummary ? unit(id.getBaseUnit()) : "s";
            return ImmutableMetricData.createDoubleHistogram(resource, SCOPE, id.getName(), description, unit,
                    ImmutableHistogramData.create(chosen, points));
        }
        if (first instanceof Counter || first instanceof FunctionCounter) {
            AggregationTemporality chosen = temporality.getAggregationTemporality(InstrumentType.COUNTER);
            List<DoublePointData> points = new ArrayList<>();
            for (Meter meter : meters) {
                double total = meter instanceof Counter ? ((Counter) meter).count() : ((FunctionCounter) meter).count();
                if (Double.isFinite(total)) {
                    double[] values = {total};
                    long start = start(chosen, meter.getId(), values, sent);
                    double[] before = chosen == AggregationTemporality.DELTA ? previous.get(meter.getId()) : null;
                    double value = before == null || before[0] > total ? total : total - before[0];
                    points.add(ImmutableDoublePointData.create(start, now, attributes(meter.getId()), value));
                }
            }
            return ImmutableMetricData.createDoubleSum(resource, SCOPE, id.getName(), description, unit(id.getBaseUnit()),
                    ImmutableSumData.create(true, chosen, points));
        }
        // Gauges, and whatever else a binder registers (long task timers): the current value of each measurement.
        List<DoublePointData> points = new ArrayList<>();
        for (Meter meter : meters) {
            double value = gaugeValue(meter);
            if (Double.isFinite(value)) {
                points.add(ImmutableDoublePointData.create(startEpochNanos, now, attributes(meter.getId()), value));
            }
        }
        String unit = first instanceof TimeGauge || first instanceof LongTaskTimer ? "s" : unit(id.getBaseUnit());
        return ImmutableMetricData.createDoubleGauge(resource, SCOPE, id.getName(), description, unit,
                ImmutableGaugeData.create(points));
    }

    /**
     * One histogram series' cumulative state: {count, sum, then one count per bucket, non-cumulative, the last one
     * above the highest bound}, and the finite bounds as {@code /metrics} shows them in {@code le}.
     */
    private record Histogram(double[] values, List<Double> bounds) {
    }

    private static Histogram histogram(Meter meter) {
        if (meter instanceof FunctionTimer) {
            FunctionTimer timer = (FunctionTimer) meter;
            return new Histogram(new double[] {timer.count(), timer.totalTime(TimeUnit.SECONDS), timer.count()}, List.of());
        }
        boolean timer = meter instanceof Timer;
        HistogramSnapshot snapshot = timer ? ((Timer) meter).takeSnapshot() : ((DistributionSummary) meter).takeSnapshot();
        CountAtBucket[] buckets = finite(snapshot.histogramCounts());
        double[] values = new double[3 + buckets.length];
        List<Double> bounds = new ArrayList<>(buckets.length);
        values[0] = snapshot.count();
        values[1] = timer ? snapshot.total(TimeUnit.SECONDS) : snapshot.total();
        // Micrometer's Prometheus histograms count cumulatively (le); OTLP counts each bucket on its own.
        double below = 0;
        for (int i = 0; i < buckets.length; i++) {
            bounds.add(timer ? buckets[i].bucket(TimeUnit.SECONDS) : buckets[i].bucket());
            values[2 + i] = Math.max(0, buckets[i].count() - below);
            below = Math.max(below, buckets[i].count());
        }
        values[2 + buckets.length] = Math.max(0, snapshot.count() - below);
        return new Histogram(values, bounds);
    }

    private HistogramPointData histogramPoint(Meter.Id meterId, Histogram histogram, AggregationTemporality chosen,
                                             long now, Map<Meter.Id, double[]> sent) {
        double[] values = histogram.values();
        long start = start(chosen, meterId, values, sent);
        double[] before = chosen == AggregationTemporality.DELTA ? previous.get(meterId) : null;
        if (before != null && (before.length != values.length || before[0] > values[0])) {
            before = null; // a new meter under the same id: send it whole
        }
        double[] point = values.clone();
        if (before != null) {
            for (int i = 0; i < point.length; i++) {
                point[i] = values[i] - before[i];
            }
        }
        List<Long> counts = new ArrayList<>(point.length - 2);
        for (int i = 2; i < point.length; i++) {
            counts.add(Math.round(point[i]));
        }
        return ImmutableHistogramPointData.create(start, now, attributes(meterId), point[1], false, 0, false, 0,
                histogram.bounds(), counts);
    }

    /** Where this export's point starts, remembering the values for the next export's delta. */
    private long start(AggregationTemporality chosen, Meter.Id meterId, double[] values, Map<Meter.Id, double[]> sent) {
        sent.put(meterId, values);
        if (chosen == AggregationTemporality.DELTA && previous.containsKey(meterId)) {
            return previousEpochNanos;
        }
        return startEpochNanos;
    }

    private static CountAtBucket[] finite(CountAtBucket[] buckets) {
        int n = 0;
        for (CountAtBucket bucket : buckets) {
            if (Double.isFinite(bucket.bucket())) {
                n++;
            }
        }
        CountAtBucket[] result = new CountAtBucket[n];
        int i = 0;
        for (CountAtBucket bucket : buckets) {
            if (Double.isFinite(bucket.bucket())) {
                result[i++] = bucket;
            }
        }
        return result;
    }

    private static double gaugeValue(Meter meter) {
        if (meter instanceof TimeGauge) {
            return ((TimeGauge) meter).value(TimeUnit.SECONDS);
        }
        if (meter instanceof Gauge) {
            return ((Gauge) meter).value();
        }
        if (meter instanceof LongTaskTimer) {
            return ((LongTaskTimer) meter).duration(TimeUnit.SECONDS);
        }
        for (Measurement measurement : meter.measure()) {
            return measurement.getValue();
        }
        return Double.NaN;
    }

    private static Attributes attributes(Meter.Id meterId) {
        AttributesBuilder attributes = Attributes.builder();
        for (Tag tag : meterId.getTagsAsIterable()) {
            attributes.put(tag.getKey(), tag.getValue());
        }
        return attributes.build();
    }

    /** Micrometer's base units in UCUM, as OpenTelemetry writes them. */
    private static String unit(String baseUnit) {
        if (baseUnit == null) {
            return "";
        }
        switch (baseUnit) {
            case "seconds":
                return "s";
            case "bytes":
                return "By";
            case "milliseconds":
                return "ms";
            default:
                return baseUnit;
        }
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }

    private static long processStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> TimeUnit.SECONDS.toNanos(start.getEpochSecond()) + start.getNano())
                .orElseGet(RegistryProducer::epochNanos);
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
