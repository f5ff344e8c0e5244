package dev.vigil.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReactiveRequestsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpServerRecorder recorder = new HttpServerRecorder(registry, 10);
    private final ReactiveRequests requests = new ReactiveRequests(recorder);

    @Test
    void aRequestEndsOnceWhateverReportsItsEnd() {
        Object exchange = new Object();
        requests.leave(requests.arrived(exchange, "GET", "/orders/7?secret=1", null, null));
        requests.route(exchange, "/orders/{id}");

        requests.ended(exchange, 200, true, true);  // the connection closed ...
        requests.ended(exchange, 200, true, false); // ... and the server then terminated the request

        assertThat(timer("/orders/{id}", "200", "").count()).isEqualTo(1);
        assertThat(registry.get("http.server.request.duration").timers()).hasSize(1);
    }

    @Test
    void aClientGoneBeforeAnyAnswerIsCancelledWithNoStatus() {
        Object exchange = new Object();
        requests.leave(requests.arrived(exchange, "GET", "/slow", null, null));
        requests.route(exchange, "/slow");

        requests.ended(exchange, 200, false, true);

        assertThat(timer("/slow", "_OTHER", ReactiveRequests.CANCELLED).count()).isEqualTo(1);
    }

    @Test
    void webFluxAttributesGiveTheRouteAndTheHandledServerError() {
        Object failing = new Object();
        Object notFound = new Object();
        Object unrouted = new Object();
        requests.leave(requests.arrived(failing, "GET", "/orders/1/boom", null, null));
        requests.leave(requests.arrived(notFound, "GET", "/orders/2/missing", null, null));
        requests.leave(requests.arrived(unrouted, "GET", "/wp-login.php", null, null));
        requests.attributes(failing, attributes("/orders/{id}/boom", new IllegalStateException()));
        requests.attributes(notFound, attributes("/orders/{id}/missing", new IllegalArgumentException()));
        requests.attributes(unrouted, attributes("/**", new IllegalArgumentException()));

        requests.ended(failing, 500, true, false);
        requests.ended(notFound, 404, true, false);
        requests.ended(unrouted, 404, true, false);

        assertThat(timer("/orders/{id}/boom", "500", "java.lang.IllegalStateException").count()).isEqualTo(1);
        assertThat(timer("/orders/{id}/missing", "404", "").count()).as("a 4xx is no server error").isEqualTo(1);
        assertThat(timer("NOT_FOUND", "404", "").count()).as("the static resources' catch-all is no route").isEqualTo(1);
    }

    @Test
    void anExceptionTheFrameworkAnsweredForNamesAServerErrorOnly() {
        Object failing = new Object();
        Object rejected = new Object();
        requests.leave(requests.arrived(failing, "GET", "/pay", null, null));
        requests.leave(requests.arrived(rejected, "GET", "/pay", null, null));
        requests.route(failing, "/pay");
        requests.route(rejected, "/pay");
        requests.failed(failing, new IllegalStateException());
        requests.failed(rejected, new IllegalArgumentException());
        requests.responding(failing, 500);
        requests.responding(rejected, 400);

        requests.ended(failing, -1, false, false);
        requests.ended(rejected, -1, false, false);

        assertThat(timer("/pay", "500", "java.lang.IllegalStateException").count()).isEqualTo(1);
        assertThat(timer("/pay", "400", "").count()).isEqualTo(1);
    }

    @Test
    void theRequestIsCurrentOnlyWhileTheServerRunsItsWork() {
        Object exchange = new Object();
        Object token = requests.arrived(exchange, "POST", "/orders", null, null);
        assertThat(recorder.current(SLOT)).as("current while the handler is subscribed").isNotNull();
        requests.leave(token);
        assertThat(recorder.current(SLOT)).as("current after the server's call returned").isNull();

        Object resumed = requests.resume(exchange);
        assertThat(recorder.current(SLOT)).as("current while its body is read").isNotNull();
        requests.leave(resumed);
        requests.ended(exchange, 200, true, false);

        assertThat(requests.resume(exchange)).as("an ended request is not resumed").isNull();
        assertThat(recorder.current(SLOT)).isNull();
    }

    @Test
    void thePathOfARequestTargetHasNoQueryAndNoAuthority() {
        assertThat(ReactiveRequests.pathOf("/orders/1?card=4111")).isEqualTo("/orders/1");
        assertThat(ReactiveRequests.pathOf("/orders/1#top")).isEqualTo("/orders/1");
        assertThat(ReactiveRequests.pathOf("http://shop.example:8080/orders/1?x")).isEqualTo("/orders/1");
        assertThat(ReactiveRequests.pathOf("http://shop.example")).isEqualTo("/");
        assertThat(ReactiveRequests.pathOf("/search?next=http://x/y")).isEqualTo("/search");
    }

    private static final RequestSlot<Object> SLOT = RequestSlot.of(Object::new);

    private static Map<String, Object> attributes(String pattern, Throwable handled) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("org.springframework.web.reactive.HandlerMapping.bestMatchingPattern", new Object() {
            @Override
            public String toString() {
                return pattern; // as PathPattern#toString
            }
        });
        attributes.put("ExceptionHandlingWebHandler.handledException", handled);
        return attributes;
    }

    private Timer timer(String route, String status, String errorType) {
        return registry.get("http.server.request.duration")
                .tag("http.route", route)
                .tag("http.response.status_code", status)
                .tag("error.type", errorType)
                .timer();
    }
}
