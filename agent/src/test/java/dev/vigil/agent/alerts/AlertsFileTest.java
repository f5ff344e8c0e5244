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
                + " \"GET /owners/{ownerId}\" (a route template has no query string), got \"/checkout\"");
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

    @Test
    void templateBracesInAUserValueAreRefusedBecauseRulesAreTemplates() {
        assertError("""
                alerts:
                  - name: CheckoutErrors
                    route: "POST /checkout"
                    error_rate: { above: 5% }
                    over: 10m
                    labels: { team: "{{ $labels.team }}" }
                """, "alerts.yaml line 6: labels.team: {{ and }} would be read as a Prometheus template in the rules");
        assertError("""
                alerts:
                  - name: CheckoutErrors
                    route: "POST /checkout"
                    error_rate: { above: 5% }
                    over: 10m
                    runbook_url: "https://wiki/{{x}}"
                """, "alerts.yaml line 6: runbook_url: {{ and }} would be read as a Prometheus template in the rules");
    }

    @Test
    void anObjectiveBeyondFiveNinesIsAnErrorNotACrash() {
        assertError("""
                slos:
                  - name: checkout
                    route: "POST /checkout"
                    objective: "99.99999999999%"
                """, "alerts.yaml line 4: objective: at most 99.999%");
    }

    @Test
    void anEmptyEventARouteWithAQueryAndAnEndlessWindowAreRefused() {
        assertError("""
                alerts:
                  - name: Declines
                    rate: { event: "" }
                    above: 1
                    over: 10m
                """, "alerts.yaml line 3: event: expected an event name such as checkout.completed, got an empty text");
        assertError("""
                alerts:
                  - name: Declines
                    rate: { event: "payment declined" }
                    above: 1
                    over: 10m
                """, "alerts.yaml line 3: event: expected an event name as vigil.yaml declares it");
        assertError("""
                alerts:
                  - name: XErrors
                    route: "GET /x?y=1"
                    error_rate: { above: 5% }
                    over: 10m
                """, "alerts.yaml line 3: route: expected \"METHOD /template\"");
        assertError("""
                alerts:
                  - name: XErrors
                    route: "GET /x"
                    error_rate: { above: 5% }
                    over: 100000d
                """, "alerts.yaml line 5: over: at most 7d (for longer windows write an SLO under slos:), got \"100000d\"");
    }

    @Test
    void aHugeFileFailsFastWithTheLineWhereTheLimitFalls() throws Exception {
        StringBuilder yaml = new StringBuilder("alerts:\n");
        while (yaml.length() < 5_000_000) {
            yaml.append("  - name: A").append(yaml.length()).append("\n    route: \"GET /x\"\n    error_rate: { above: 5% }\n    over: 10m\n");
        }
        long start = System.nanoTime();

        assertThatThrownBy(() -> read(yaml.toString())).isInstanceOf(AlertsFileException.class)
                .hasMessageMatching("alerts\\.yaml line \\d+: the file is 48\\d\\d KiB; an alerts file may have at most 256 KiB.*");
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(2_000);
    }

    @Test
    void aLatencyThresholdMustLieWithinTheAgentsBuckets() {
        assertError("""
                alerts:
                  - name: ReportSlow
                    route: "GET /report"
                    latency: p99
                    above: 2m
                    over: 10m
                """, "alerts.yaml line 5: above: the agent's latency buckets go from 1ms to 60s, and a percentile is never read"
                + " above the largest, so above: 2m could never fire");
    }

    @Test
    void aLatencySloCountsTheRequestsOfTheBucketAtItsBound() throws Exception {
        AlertsConfig config = read("""
                slos:
                  - name: checkout-fast
                    route: "POST /checkout"
                    latency: { below: 300ms }
                    objective: 99%
                """);

        assertThat(config.slos().get(0).sli()).isEqualTo(new Signal.RouteLatencyObjective(new Route("POST", "/checkout"), 0.3, "300ms"));
        assertThat(config.slos().get(0).minBadEvents()).isEqualTo(2);
        assertError("""
                slos:
                  - name: checkout-fast
                    route: "POST /checkout"
                    latency: { below: 350ms }
                    objective: 99%
                """, "alerts.yaml line 4: below: 350ms is not one of the agent's latency buckets, so no series counts the"
                + " requests under it; the nearest are 300ms or 400ms");
    }

    @Test
    void anSloWindowIsOneToNinetyDays() throws Exception {
        assertThat(read("""
                slos:
                  - name: checkout
                    route: "POST /checkout"
                    objective: 99%
                    window: 1d
                """).slos().get(0).window()).isEqualTo(PromDuration.days(1));
        assertError("""
                slos:
                  - name: checkout
                    route: "POST /checkout"
                    objective: 99%
                    window: 12h
                """, "alerts.yaml line 5: window: expected a duration from 1d to 90d, such as 7d or 30d, got \"12h\"");
    }

    private AlertsConfig read(String yaml) throws Exception {
        return AlertsFile.read(Fixtures.write(dir, yaml), "alerts.yaml");
    }

    private void assertError(String yaml, String expectedStart) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(AlertsFileException.class).hasMessageStartingWith(expectedStart);
    }
}
