package dev.vigil.agent.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.metrics.LatencyBuckets;
import dev.vigil.agent.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RegistryProducerTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private Timer requests() {
        return Timer.builder(MetricNames.HTTP_SERVER_DURATION)
                .tag(MetricNames.HTTP_ROUTE, "/orders/{id}").tag(MetricNames.HTTP_REQUEST_METHOD, "GET")
                .serviceLevelObjectives(LatencyBuckets.asArray(LatencyBuckets.HTTP))
                .register(registry);
    }

    @Test
    void aTimerBecomesAHistogramInSecondsWithTheBoundsOfMetrics() {
        Timer timer = requests();
        timer.record(Duration.ofMillis(3));
        timer.record(Duration.ofMillis(3));
        timer.record(Duration.ofMillis(70));
        timer.record(Duration.ofSeconds(90)); // above the highest bound, 60 s

        MetricData metric = only(produce(AggregationTemporalitySelector.alwaysCumulative()), MetricNames.HTTP_SERVER_DURATION);

        assertThat(metric.getUnit()).isEqualTo("s");
        assertThat(metric.getHistogramData().getAggregationTemporality()).isEqualTo(AggregationTemporality.CUMULATIVE);
        HistogramPointData point = metric.getHistogramData().getPoints().iterator().next();
        List<Double> expectedBounds = LatencyBuckets.HTTP.stream().map(d -> d.toNanos() / 1e9).collect(Collectors.toList());
        assertThat(point.getBoundaries()).isEqualTo(expectedBounds);
        assertThat(point.getCount()).isEqualTo(4);
        assertThat(point.getSum()).isCloseTo(90.076, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(point.getCounts()).hasSize(expectedBounds.size() + 1);
        assertThat(point.getCounts().get(expectedBounds.indexOf(0.003))).isEqualTo(2);
        assertThat(point.getCounts().get(expectedBounds.indexOf(0.08))).isEqualTo(1);
        assertThat(point.getCounts().get(expectedBounds.size())).isEqualTo(1);
        assertThat(point.getCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
        assertThat(point.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/orders/{id}");
    }

    @Test
    void deltaTemporalitySendsWhatHappenedSinceThePreviousExport() {
        Timer timer = requests();
        Counter events = Counter.builder(MetricNames.BUSINESS_EVENTS).tag("event", "checkout").register(registry);
        RegistryProducer producer = new RegistryProducer(registry, AggregationTemporalitySelector.deltaPreferred(), 0);
        timer.record(Duration.ofMillis(3));
        events.increment(5);
        producer.produce(Resource.empty());
        timer.record(Duration.ofMillis(3));
        timer.record(Duration.ofMillis(3));
        events.increment(2);

        Collection<MetricData> second = producer.produce(Resource.empty());

        MetricData histogram = only(second, MetricNames.HTTP_SERVER_DURATION);
        assertThat(histogram.getHistogramData().getAggregationTemporality()).isEqualTo(AggregationTemporality.DELTA);
        HistogramPointData point = histogram.getHistogramData().getPoints().iterator().next();
        assertThat(point.getCount()).isEqualTo(2);
        assertThat(point.getStartEpochNanos()).isGreaterThan(0);
        MetricData counter = only(second, MetricNames.BUSINESS_EVENTS);
        assertThat(counter.getDoubleSumData().getAggregationTemporality()).isEqualTo(AggregationTemporality.DELTA);
        assertThat(counter.getDoubleSumData().getPoints().iterator().next().getValue()).isEqualTo(2.0);
    }

    @Test
    void cumulativeTemporalitySendsTheTotalsEveryTime() {
        Counter events = Counter.builder(MetricNames.BUSINESS_EVENTS).tag("event", "checkout").register(registry);
        RegistryProducer producer = new RegistryProducer(registry, AggregationTemporalitySelector.alwaysCumulative(), 0);
        events.increment(5);
        producer.produce(Resource.empty());
        events.increment(2);

        MetricData counter = only(producer.produce(Resource.empty()), MetricNames.BUSINESS_EVENTS);

        assertThat(counter.getDoubleSumData().isMonotonic()).isTrue();
        assertThat(counter.getDoubleSumData().getPoints().iterator().next().getValue()).isEqualTo(7.0);
    }

    @Test
    void anExportRunsTheWorkBeforeItSoTheMetersBoundThenAreInThatExport() {
        RegistryProducer producer = new RegistryProducer(registry, AggregationTemporalitySelector.alwaysCumulative(),
                () -> Counter.builder(MetricNames.BUSINESS_EVENTS).register(registry).increment());

        MetricData counter = only(producer.produce(Resource.empty()), MetricNames.BUSINESS_EVENTS);

        assertThat(counter.getDoubleSumData().getPoints().iterator().next().getValue()).isEqualTo(1.0);
    }

    private Collection<MetricData> produce(AggregationTemporalitySelector temporality) {
        return new RegistryProducer(registry, temporality, 0).produce(Resource.empty());
    }

    private static MetricData only(Collection<MetricData> metrics, String name) {
        List<MetricData> named = metrics.stream().filter(m -> m.getName().equals(name)).collect(Collectors.toList());
        assertThat(named).as("metrics named %s in %s", name, metrics).hasSize(1);
        return named.get(0);
    }
}
