package dev.vigil.agent.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessEventsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BusinessEvents events = new BusinessEvents(registry);

    private double count(String event, String outcome) {
        var counter = registry.find("vigil.business.events").tag("event", event).tag("outcome", outcome).counter();
        return counter == null ? -1 : counter.count();
    }

    @Test
    void declaredEventsStartAtZeroForBothOutcomes() {
        events.declare("checkout.completed");
        assertThat(count("checkout.completed", "success")).isZero();
        assertThat(count("checkout.completed", "error")).isZero();
    }

    @Test
    void httpEventsCountByRouteMethodAndStatusClass() {
        HttpEvents http = new HttpEvents(List.of(
                new EventRule.Http("checkout.completed", "POST", "/checkout", List.of(new EventRule.StatusRange(200, 299)), "t"),
                new EventRule.Http("checkout.failed", "POST", "/checkout", List.of(new EventRule.StatusRange(500, 599)), "t")),
                events);
        http.onRequest("POST", "/checkout", 201, false);
        http.onRequest("POST", "/checkout", 200, false);
        http.onRequest("POST", "/checkout", 502, false);
        http.onRequest("POST", "/checkout", 500, true);
        http.onRequest("POST", "/checkout", 409, false);
        http.onRequest("GET", "/checkout", 200, false);
        http.onRequest("POST", "/other", 200, false);

        assertThat(count("checkout.completed", "success")).isEqualTo(2);
        assertThat(count("checkout.completed", "error")).isZero();
        assertThat(count("checkout.failed", "error")).isEqualTo(2);
        assertThat(count("checkout.failed", "success")).isZero();
    }

    @Test
    void logEventsMatchLoggerAndMessageAndErrorLevelIsAnErrorOutcome() {
        LogEvents log = new LogEvents(List.of(new EventRule.Log("signup.completed", "com.shop.Signup",
                Glob.of("User * signed up"), "t")), events);
        assertThat(log.wants("com.shop.Signup")).isTrue();
        assertThat(log.wants("com.shop.Other")).isFalse();
        log.onLog("com.shop.Signup", "User 1 signed up", false);
        log.onLog("com.shop.Signup", "User 2 signed up", true);
        log.onLog("com.shop.Signup", "User 3 left", false);

        assertThat(count("signup.completed", "success")).isEqualTo(1);
        assertThat(count("signup.completed", "error")).isEqualTo(1);
    }

    @Test
    void eventsFromCodeCountWithAttributesUnderCaps() {
        for (int i = 0; i < 500; i++) {
            events.record("payment.authorized", new String[] {"method", "card-" + i}, i % 2 == 0);
        }
        assertThat(count("payment.authorized", "success")).isEqualTo(250);
        assertThat(count("payment.authorized", "error")).isEqualTo(250);
        assertThat(registry.find("vigil.business.event.attributes").tag("attribute", "method").counters())
                .hasSize(BusinessEvents.MAX_ATTRIBUTE_VALUES + 1); // 50 values and _OTHER
        assertThat(registry.find("vigil.business.event.attributes").tag("value", "_OTHER").counter().count())
                .isEqualTo(450);
    }

    @Test
    void namesFromCodeAreCappedAndBadOnesAreRefused() {
        for (int i = 0; i < 1_000; i++) {
            events.record("generated." + i, null, true);
        }
        assertThat(registry.find("vigil.business.events").tag("outcome", "success").counters())
                .hasSize(BusinessEvents.MAX_CODE_EVENTS + 1);
        assertThat(count("_OTHER", "success")).isEqualTo(900);
        assertThatThrownBy(() -> events.record("has space", null, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events.record(null, null, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events.record("odd", new String[] {"a"}, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
