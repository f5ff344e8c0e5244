package dev.vigil.agent.events;

import dev.vigil.agent.core.metrics.LabelLimiter;
import dev.vigil.agent.core.metrics.LatencyBuckets;
import dev.vigil.agent.core.metrics.MetricNames;
import dev.vigil.agent.events.bridge.ApiHooks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts business events: {@code vigil_business_events_total{event, outcome}}, a duration histogram
 * for events marked by a method, and {@code vigil_business_event_attributes_total{event, attribute,
 * value}} for attributes given in code.
 *
 * <p>Events declared in {@code vigil.yaml} are registered at startup, so their series exist at 0 before
 * the first event: a rate over them is 0, not absent, and alerts on them can tell "no events" from "no
 * data". Names that only code uses appear on first use, under a cap.
 */
public final class BusinessEvents extends ApiHooks {
    public static final String SUCCESS = MetricNames.OUTCOME_SUCCESS;
    public static final String ERROR = MetricNames.OUTCOME_ERROR;
    /** Distinct event names that code may create beyond the declared ones. */
    static final int MAX_CODE_EVENTS = 100;
    /** Distinct attribute names per event, and distinct values per attribute. */
    static final int MAX_ATTRIBUTES = 10;
    static final int MAX_ATTRIBUTE_VALUES = 50;
    private static final int MAX_VALUE_LENGTH = 64;

    private final MeterRegistry registry;
    private final Map<String, Meters> byName = new ConcurrentHashMap<>();
    private final LabelLimiter codeEvents;
    private final Duration[] buckets = LatencyBuckets.asArray(LatencyBuckets.HTTP);

    public BusinessEvents(MeterRegistry registry) {
        this.registry = registry;
        this.codeEvents = LabelLimiter.of(registry, MetricNames.prometheus(MetricNames.BUSINESS_EVENTS) + "_total",
                MetricNames.EVENT, MAX_CODE_EVENTS);
    }

    /** The meters of a declared event, registered now so its series start at 0. */
    /** {@code Vigil.isActive()}: true once the agent runs. */
    @Override
    public boolean isActive() {
        return true;
    }

    public Meters declare(String event) {
        return byName.computeIfAbsent(event, Meters::new);
    }

    /** As {@link #declare}, with the duration histogram that method events have. */
    public Meters declareTimed(String event) {
        Meters meters = declare(event);
        meters.timed();
        return meters;
    }

    /**
     * An event from code ({@code Vigil.event}/{@code Vigil.failure}, an extension): counted, with its
     * attributes as name, value pairs. A name that is not plain, or odd attributes, throw for the caller
     * to count as an agent error.
     */
    @Override
    public void record(String event, String[] attributes, boolean success) {
        Meters meters = event == null ? null : byName.get(event);
        if (meters == null) {
            if (event == null || !MetricNames.EVENT_NAME.matcher(event).matches()) {
                throw new IllegalArgumentException("an event name must be letters, digits and . _ - : (at most 100)");
            }
            String limited = codeEvents.limit(event);
            meters = byName.computeIfAbsent(limited, Meters::new);
        }
        meters.count(success);
        if (attributes != null && attributes.length > 0) {
            if (attributes.length % 2 != 0) {
                throw new IllegalArgumentException("attributes must be name, value pairs");
            }
            for (int i = 0; i < attributes.length; i += 2) {
                meters.attribute(attributes[i], attributes[i + 1]);
            }
        }
    }

    /** One event's series. */
    public final class Meters {
        private final String event;
        private final Counter success;
        private final Counter error;
        private volatile Timer successTime;
        private volatile Timer errorTime;
        private final LabelLimiter attributeNames;
        private final Map<String, LabelLimiter> attributeValues = new ConcurrentHashMap<>();
        private final Map<String, Counter> attributeCounters = new ConcurrentHashMap<>();

        Meters(String event) {
            this.event = event;
            this.success = counter(SUCCESS);
            this.error = counter(ERROR);
            this.attributeNames = LabelLimiter.of(registry, MetricNames.prometheus(MetricNames.BUSINESS_EVENT_ATTRIBUTES)
                    + "_total", "attribute", MAX_ATTRIBUTES);
        }

        private Counter counter(String outcome) {
            return Counter.builder(MetricNames.BUSINESS_EVENTS)
                    .description("Business events, declared in vigil.yaml or sent with Vigil.event, by outcome")
                    .tag(MetricNames.EVENT, event).tag(MetricNames.OUTCOME, outcome)
                    .register(registry);
        }

        void timed() {
            if (successTime == null) {
                successTime = timer(SUCCESS);
                errorTime = timer(ERROR);
            }
        }

        private Timer timer(String outcome) {
            return Timer.builder(MetricNames.BUSINESS_EVENT_DURATION)
                    .description("Duration of business events marked by a method, by outcome")
                    .tag(MetricNames.EVENT, event).tag(MetricNames.OUTCOME, outcome)
                    .serviceLevelObjectives(buckets)
                    .register(registry);
        }

        public String event() {
            return event;
        }

        public void count(boolean succeeded) {
            (succeeded ? success : error).increment();
        }

        /** Counts the event and, for a method event, its duration. */
        public void count(boolean succeeded, long nanos) {
            count(succeeded);
            Timer timer = succeeded ? successTime : errorTime;
            if (timer != null) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
        }

        void attribute(String name, String value) {
            if (name == null || !MetricNames.EVENT_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("an attribute name must be letters, digits and . _ - :");
            }
            String attribute = attributeNames.limit(name);
            String text = value == null ? "" : value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) : value;
            String limited = attributeValues.computeIfAbsent(attribute, a -> LabelLimiter.of(registry,
                    MetricNames.prometheus(MetricNames.BUSINESS_EVENT_ATTRIBUTES) + "_total", "value", MAX_ATTRIBUTE_VALUES))
                    .limit(text);
            String key = attribute + '\u0000' + limited;
            Counter counter = attributeCounters.get(key);
            if (counter == null) {
                counter = attributeCounters.computeIfAbsent(key, k -> Counter.builder(MetricNames.BUSINESS_EVENT_ATTRIBUTES)
                        .description("Business events sent from code, by attribute value (capped)")
                        .tag(MetricNames.EVENT, event).tag("attribute", attribute).tag("value", limited)
                        .register(registry));
            }
            counter.increment();
        }
    }
}
