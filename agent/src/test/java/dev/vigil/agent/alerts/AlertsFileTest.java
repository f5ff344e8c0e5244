package dev.vigil.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.alerts.Signal.EventRate;
import dev.vigil.agent.alerts.Signal.EventRatio;
import dev.vigil.agent.alerts.Signal.RouteErrorRatio;
import dev.vigil.agent.alerts.Signal.RouteLatency;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading alerts.yaml: the documented forms and defaults, and a message naming file, line and form for each mistake. */
class AlertsFileTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryKindOfAlertAndSlo() throws Exception {
        AlertsConfig config = Fixtures.everyKind();

        assertThat(config.grafanaUrl()).isEqualTo("http://localhost:3000");
        assertThat(config.alerts()).extracting(AlertSpec::name).containsExactly("CheckoutSuccessRateLow", "OrderFailuresHigh",
                "SignupsStalled", "PaymentDeclinesBurst", "CheckoutSlow", "CheckoutErrors");
        AlertSpec ratio = config.alerts().get(0);
        assertThat(ratio.signal()).isEqualTo(new EventRatio(List.of(new EventRef("checkout.completed", null)),
                List.of(new EventRef("checkout.completed", null), new EventRef("checkout.failed", null))));
        assertThat(ratio.comparison()).isEqualTo(Comparison.BELOW);
        assertThat(ratio.threshold()).isEqualTo(0.95);
        assertThat(ratio.thresholdText()).isEqualTo("95%");
        assertThat(ratio.over()).isEqualTo(PromDuration.minutes(15));
        assertThat(ratio.severity()).isEqualTo("page");
        assertThat(ratio.service()).isEqualTo("shop");
        assertThat(ratio.runbookUrl()).isEqualTo("https://wiki.example/checkout");

        AlertSpec outcome = config.alerts().get(1);
        assertThat(((EventRatio) outcome.signal()).good()).containsExactly(new EventRef("order.placed", "error"));
        assertThat(outcome.labels()).containsEntry("team", "orders");

        assertThat(config.alerts().get(2).signal()).isEqualTo(new EventRate(new EventRef("signup.completed", null)));
        assertThat(config.alerts().get(3).threshold()).as("10/min").isEqualTo(10);
        assertThat(config.alerts().get(4).signal()).isEqualTo(new RouteLatency(new Route("POST", "/checkout"), "p95", 0.95));
        assertThat(config.alerts().get(4).threshold()).as("500ms in seconds").isEqualTo(0.5);
        assertThat(config.alerts().get(5).signal()).isEqualTo(new RouteErrorRatio(new Route("POST", "/checkout")));
        assertThat(config.alerts().get(5).threshold()).isEqualTo(0.05);

        assertThat(config.slos()).extracting(SloSpec::name).containsExactly("checkout-availability", "checkout-success");
        assertThat(config.slos().get(0).errorBudget()).isEqualByComparingTo("0.001");
        assertThat(config.slos().get(1).window()).isEqualTo(PromDuration.days(7));
    }

    @Test
    void appliesTheDocumentedDefaults() throws Exception {
        AlertsConfig config = read("""
                alerts:
                  - name: CheckoutSuccessRateLow
                    ratio: { good: checkout.completed, total: [checkout.completed, checkout.failed] }
                    below: 0.95
                    over: 15m
                  - name: SignupsStalled
                    rate: signup.completed
                    below: 1
                    over: 2m
                  - name: DeclinesBurst
                    rate: { event: payment.declined }
                    above: 0.5/s
                    over: 10m
                slos:
                  - name: checkout
                    route: "POST /checkout"
                    objective: 99.9%
                """);

        AlertSpec ratio = config.alerts().get(0);
        assertThat(config.grafanaUrl()).isEqualTo("http://localhost:3000");
        assertThat(ratio.severity()).isEqualTo("ticket");
        assertThat(ratio.noDataSeverity()).isEqualTo("ticket");
        assertThat(ratio.minTraffic()).isEqualTo(20);
        assertThat(ratio.pending()).as("for: 5m by default").isEqualTo(PromDuration.minutes(5));
        assertThat(ratio.service()).isNull();
        assertThat(config.alerts().get(1).pending()).as("never longer than the window").isEqualTo(PromDuration.minutes(2));
        assertThat(config.alerts().get(1).minTraffic()).as("HTTP requests").isEqualTo(20);
        assertThat(config.alerts().get(2).minTraffic()).as("rate above is its own guard").isEqualTo(1);
        assertThat(config.alerts().get(2).threshold()).as("0.5/s per minute").isEqualTo(30);
        assertThat(config.slos().get(0).window()).isEqualTo(PromDuration.days(30));
    }

    @Test
    void aBadDurationNamesFileLineAndForm() {
        assertError("""
                alerts:
                  - name: CheckoutSuccessRateLow
                    ratio: { good: checkout.completed, total: [checkout.completed, checkout.failed] }
                    below: 0.95
                    over: fifteen
                """, "alerts.yaml line 5: over: expected a duration such as 15m, 1h or 30d, got \"fifteen\"");
    }

    @Test
    void anUnknownKeySuggestsTheClosestOne() {
        assertError("""
                alerts:
                  - name: CheckoutSuccessRateLow
                    ratio: { good: checkout.completed, total: [checkout.completed, checkout.failed] }
                    bellow: 0.95
                    over: 15m
                """, "alerts.yaml line 4: unknown key \"bellow\" in an alert; did you mean below?");
        assertError("""
                servcie: shop
                alerts: []
                """, "alerts.yaml line 1: unknown key \"servcie\" at the top level; did you mean service?");
    }

    @Test
    void aMissingThresholdSaysWhichOnesExist() {
        assertError("""
                alerts:
                  - name: CheckoutSuccessRateLow
                    ratio: { good: checkout.completed, total: [checkout.completed, checkout.failed] }
                    over: 15m
                """, "alerts.yaml line 2: alert CheckoutSuccessRateLow: expected exactly one threshold, below: 0.95 or above: 5%, got none");
        assertError("""
                alerts:
                  - name: CheckoutSlow
                    route: "POST /checkout"
                    latency: p95
                    over: 10m
                """, "alerts.yaml line 2: alert CheckoutSlow: expected above: with a duration such as 500ms or 1.5s");
    }

    @Test
    void goodEventsMustBeAmongTheTotal() {
        assertError("""
                alerts:
                  - name: CheckoutSuccessRateLow
                    ratio:
                      good: checkout.completed
                      total: [checkout.failed]
                    below: 0.95
                    over: 15m
                """, "alerts.yaml line 4: ratio: good event checkout.completed is not in total [checkout.failed]");
        assertError("""
                alerts:
                  - name: Always100
                    ratio: { good: order.placed, total: order.placed }
                    below: 0.95
                    over: 15m
                """, "alerts.yaml line 3: ratio: good covers every event in total, so the ratio is always 100%");
    }

    @Test
    void anObjectiveMustBeAPercentage() {
        assertError("""
                slos:
                  - name: checkout-availability
                    route: "POST /checkout"
                    objective: 0.999
                """, "alerts.yaml line 4: objective: expected a percentage below 100% such as 99.9%, got \"0.999\"");
        assertError("""
                slos:
                  - name: checkout-availability
                    route: "POST /checkout"
                    objective: 90%
                """, "alerts.yaml line 4: objective: 90% leaves an error budget so large that burning it 14.4 times too fast"
                + " would need more than 100% errors; use at least 93.06%");
    }

    @Test
    void anUnknownPercentileListsTheKnownOnes() {
        assertError("""
                alerts:
                  - name: CheckoutSlow
                    route: "POST /checkout"
                    latency: p96
                    above: 500ms
                    over: 10m
                """, "alerts.yaml line 4: latency: expected one of p50, p75, p90, p95, p99, p99.9, got \"p96\"");
    }

    @Test
    void aRouteIsAMethodAndATemplate() {
        assertError("""
                alerts:
                  - name: CheckoutErrors
                    route: /checkout
                    error_rate: { above: 5% }
                    over: 10m
                """, "alerts.yaml line 3: route: expected \"METHOD /template\" such as \"POST /checkout\" or"
                + " \"GET /owners/{ownerId}\", got \"/checkout\"");
    }

    @Test
    void theErrorRateThresholdGoesInsideIt() {
        assertError("""
                alerts:
                  - name: CheckoutErrors
                    route: "POST /checkout"
                    error_rate: {}
                    above: 5%
                    over: 10m
                """, "alerts.yaml line 5: alert CheckoutErrors: the threshold of an error rate goes inside it: error_rate: {above: 5%}");
    }

    @Test
    void aGuardKeyOfAnotherKindIsExplained() {
        assertError("""
                alerts:
                  - name: SignupsStalled
                    rate: { event: signup.completed }
                    below: 1
                    over: 30m
                    min_events: 5
                """, "alerts.yaml line 6: alert SignupsStalled: min_events does not apply here; this alert is guarded by"
                + " min_requests (HTTP requests the service answered in the window)");
    }

    @Test
    void namesMustBeUniqueIncludingDerivedOnes() {
        assertError("""
                alerts:
                  - name: Checkout
                    route: "POST /checkout"
                    error_rate: { above: 5% }
                    over: 10m
                  - name: CheckoutNoData
                    route: "POST /checkout"
                    error_rate: { above: 5% }
                    over: 10m
                """, "alerts.yaml line 6: the alert name CheckoutNoData is already used on line 2");
    }

    @Test
    void yamlSyntaxErrorsHaveALineToo() {
        assertError("""
                alerts:
                  - name: [unclosed
                """, "alerts.yaml line 3 column 1: not valid YAML");
    }

    @Test
    void aRatioThresholdThatCanNeverFireIsRefused() {
        assertError("""
                alerts:
                  - name: Impossible
                    ratio: { good: checkout.completed, total: [checkout.completed, checkout.failed] }
                    above: 100%
                    over: 15m
                """, "alerts.yaml line 4: above: a ratio is between 0% and 100%, so above 100% can never fire");
    }

    private AlertsConfig read(String yaml) throws Exception {
        return AlertsFile.read(Fixtures.write(dir, yaml), "alerts.yaml");
    }

    private void assertError(String yaml, String expectedStart) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(AlertsFileException.class).hasMessageStartingWith(expectedStart);
    }
}
