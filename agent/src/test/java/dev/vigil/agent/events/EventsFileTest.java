package dev.vigil.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.config.ConfigProblem;
import dev.vigil.agent.core.yaml.YamlDocument;
import dev.vigil.agent.core.yaml.YamlReadError;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class EventsFileTest {
    private final List<ConfigProblem> problems = new ArrayList<>();

    private List<EventRule> parse(String yaml) {
        try {
            return EventsFile.read(YamlDocument.parse(yaml, "vigil.yaml"), problems);
        } catch (YamlReadError e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsTheThreeKindsOfEventFromTheBriefsExample() {
        List<EventRule> rules = parse("""
                service.name: shop
                events:
                  checkout.completed: { http: "POST /checkout", status: 2xx }
                  checkout.failed:    { http: "POST /checkout", status: 5xx }
                  order.placed:       { method: "com.shop.OrderService#placeOrder" }
                  signup.completed:   { log: { logger: "com.shop.Signup", message: "User * signed up" } }
                """);

        assertThat(problems).isEmpty();
        assertThat(rules).hasSize(4);
        EventRule.Http completed = (EventRule.Http) rules.get(0);
        assertThat(completed.method()).isEqualTo("POST");
        assertThat(completed.route()).isEqualTo("/checkout");
        assertThat(completed.matches("POST", 201)).isTrue();
        assertThat(completed.matches("POST", 500)).isFalse();
        assertThat(completed.matches("GET", 200)).isFalse();
        assertThat(completed.where()).isEqualTo("vigil.yaml line 3");
        EventRule.Method placed = (EventRule.Method) rules.get(2);
        assertThat(placed.className()).isEqualTo("com.shop.OrderService");
        assertThat(placed.methodName()).isEqualTo("placeOrder");
        EventRule.Log signup = (EventRule.Log) rules.get(3);
        assertThat(signup.logger()).isEqualTo("com.shop.Signup");
        assertThat(signup.message().matches("User 42 signed up")).isTrue();
        assertThat(signup.message().matches("User 42 signed out")).isFalse();
    }

    @Test
    void acceptsAnyMethodAListOfStatusesAndTheVigilWrapper() {
        List<EventRule> rules = parse("""
                vigil:
                  events:
                    order.rejected: { http: "/orders", status: [400, 4xx, 503] }
                """);

        EventRule.Http rejected = (EventRule.Http) rules.get(0);
        assertThat(rejected.method()).isNull();
        assertThat(rejected.matches("PUT", 409)).isTrue();
        assertThat(rejected.matches("GET", 503)).isTrue();
        assertThat(rejected.matches("GET", 500)).isFalse();
    }

    @Test
    void aWrongEventNamesFileLineAndExpectedFormAndTheOthersStay() {
        List<EventRule> rules = parse("""
                events:
                  ok.one: { http: "GET /a" }
                  no.hash: { method: "com.shop.OrderService.placeOrder" }
                  bad.status: { http: "POST /checkout", status: 6xx }
                  no.slash: { http: "POST checkout" }
                  typo: { htp: "GET /x" }
                  two.kinds: { http: "GET /x", method: "a.B#c" }
                  no.logger: { log: { message: "x" } }
                  extra.key: { method: "a.B#c", status: 2xx }
                  "bad name!": { http: "GET /x" }
                  not.a.map: "GET /x"
                  ok.two: { log: { logger: "com.shop.Signup" } }
                """);

        assertThat(rules).extracting(EventRule::event).containsExactly("ok.one", "ok.two");
        assertThat(problems).extracting(ConfigProblem::message).satisfiesExactly(
                m -> assertThat(m).startsWith("vigil.yaml line 3: event no.hash: method: expected \"fully.qualified.Class#method\""),
                m -> assertThat(m).startsWith("vigil.yaml line 4: event bad.status: status: expected a status class such as 2xx")
                        .contains("got \"6xx\""),
                m -> assertThat(m).startsWith("vigil.yaml line 5: event no.slash: http: expected \"METHOD /route\""),
                m -> assertThat(m).startsWith("vigil.yaml line 6: event typo: expected exactly one of http, method or log,"
                        + " found none (unknown key 'htp'; did you mean http?)"),
                m -> assertThat(m).startsWith("vigil.yaml line 7: event two.kinds: expected exactly one of http, method or log,"
                        + " found http and method"),
                m -> assertThat(m).startsWith("vigil.yaml line 8: event no.logger: log: logger: expected a logger name"),
                m -> assertThat(m).startsWith("vigil.yaml line 9: event extra.key: unknown key 'status' for a method event"),
                m -> assertThat(m).startsWith("vigil.yaml line 10: expected an event name of letters, digits"),
                m -> assertThat(m).startsWith("vigil.yaml line 11: event not.a.map: expected one of"));
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).endsWith("this event is ignored, the others work"));
    }

    @Test
    void aFileWithoutEventsHasNone() {
        assertThat(parse("metrics.port: 9464\n")).isEmpty();
        assertThat(parse("events:\n")).isEmpty();
        assertThat(problems).isEmpty();
    }
}
