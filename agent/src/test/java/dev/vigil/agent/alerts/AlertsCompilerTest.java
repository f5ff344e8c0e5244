package dev.vigil.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The compiled rules aggregate correctly across instances and carry what an on-call person needs. */
class AlertsCompilerTest {

    private final AlertsCompiler compiler = new AlertsCompiler("http://grafana.example:3000");

    @Test
    void latencyTakesTheQuantileOfBucketsSummedByLe() throws Exception {
        AlertRule slow = compiler.alert(alert("CheckoutSlow"));

        assertThat(slow.expr()).startsWith("histogram_quantile(0.95,\n  sum by (le, job, service_name) (rate("
                + "http_server_request_duration_seconds_bucket{http_request_method=\"POST\",http_route=\"/checkout\","
                + "service_name=\"shop\"}[10m]))\n) > 0.5");
        assertThat(slow.expr()).endsWith("sum by (job, service_name) (increase(http_server_request_duration_seconds_count"
                + "{http_request_method=\"POST\",http_route=\"/checkout\",service_name=\"shop\"}[10m])) >= 20");
    }

    @Test
    void ratiosSumRatesBeforeDividingAndCountAMissingNumeratorAsZero() throws Exception {
        String expr = compiler.alert(alert("CheckoutErrors")).expr();

        assertThat(expr).contains("sum by (job, service_name) (rate(http_server_request_duration_seconds_count{"
                + "http_request_method=\"POST\",http_route=\"/checkout\",http_response_status_code=~\"5..\",service_name=\"shop\"}[10m]))\n"
                + "      or on (job, service_name)\n"
                + "    0 * sum by (job, service_name)");
        assertThat(expr).doesNotContain("avg").doesNotContain("instance");
    }

    @Test
    void eventNamesAreMatchedLiterallyInRegexes() throws Exception {
        String expr = compiler.alert(alert("CheckoutSuccessRateLow")).expr();

        assertThat(expr).contains("event=~\"checkout\\\\.completed|checkout\\\\.failed\"");
    }

    @Test
    void rateBelowReadsAMissingCounterAsZeroWhileTheServiceIsUsed() throws Exception {
        String expr = compiler.alert(alert("SignupsStalled")).expr();

        assertThat(expr).contains("* 60\n    or on (job, service_name)\n  0 * sum by (job, service_name) (rate("
                + "http_server_request_duration_seconds_count{service_name=\"shop\"}[30m]))\n) < 1");
        assertThat(expr).endsWith("(increase(http_server_request_duration_seconds_count{service_name=\"shop\"}[30m])) >= 20");
    }

    @Test
    void everyAlertHasSeverityTextAndADashboardLink() throws Exception {
        for (AlertRule rule : compiler.compile(Fixtures.everyKind()).alerts()) {
            Map<String, String> annotations = rule.annotations().apply(TemplateStyle.PROMETHEUS);
            assertThat(rule.labels()).as(rule.title()).containsKey("severity");
            assertThat(annotations).as(rule.title()).containsKeys("summary", "description", "dashboard_url");
            assertThat(annotations.get("dashboard_url")).as(rule.title())
                    .startsWith("http://grafana.example:3000/d/" + rule.dashboardUid());
        }
        AlertRule ratio = compiler.alert(alert("CheckoutSuccessRateLow"));
        Map<String, String> annotations = ratio.annotations().apply(TemplateStyle.PROMETHEUS);
        assertThat(annotations.get("summary")).contains("{{ $value | humanizePercentage }}");
        assertThat(annotations.get("runbook_url")).isEqualTo("https://wiki.example/checkout");
        assertThat(annotations.get("dashboard_url")).isEqualTo("http://grafana.example:3000/d/vigil-business"
                + "?var-job={{ $labels.job | urlquery }}&var-service={{ $labels.service_name | urlquery }}");
        assertThat(compiler.alert(alert("CheckoutSlow")).annotations().apply(TemplateStyle.PROMETHEUS).get("summary"))
                .contains("{{ $value | humanizeDuration }}");
    }

    @Test
    void noDataAlertsLookForTheSeriesTheAlertReads() throws Exception {
        AlertRule noData = compiler.noData(alert("CheckoutSuccessRateLow"));

        assertThat(noData.name()).isEqualTo("CheckoutSuccessRateLowNoData");
        assertThat(noData.expr()).isEqualTo("absent_over_time(vigil_business_events_total{"
                + "event=~\"checkout\\\\.completed|checkout\\\\.failed\",service_name=\"shop\"}[1d])");
        assertThat(noData.labels()).containsEntry("severity", "ticket");
    }

    @Test
    void burnRateFactorsStayTheWorkbooksAndTheWindowsScaleWithTheSloWindow() {
        assertThat(BurnWindow.forSloWindow(PromDuration.days(30))).extracting(BurnWindow::factor)
                .containsExactly(new BigDecimal("14.4"), new BigDecimal("6"), new BigDecimal("3"), new BigDecimal("1"));
        assertThat(BurnWindow.forSloWindow(PromDuration.days(30))).extracting(w -> w.longWindow() + "/" + w.shortWindow())
                .containsExactly("1h/5m", "6h/30m", "1d/2h", "3d/6h");
        // A 7-day budget is spent 30/7 times sooner: the same factors over windows 7/30 as long.
        assertThat(BurnWindow.forSloWindow(PromDuration.days(7))).extracting(w -> w.longWindow() + "/" + w.shortWindow())
                .containsExactly("14m/5m", "1h24m/7m", "5h36m/28m", "16h48m/1h24m");
        assertThat(BurnWindow.forSloWindow(PromDuration.days(90))).extracting(w -> w.longWindow() + "/" + w.shortWindow())
                .containsExactly("3h/15m", "18h/1h30m", "3d/6h", "9d/18h");
        // A 1-day SLO would get a 2m window: floors keep several scrapes in every rate.
        assertThat(BurnWindow.forSloWindow(PromDuration.days(1))).extracting(w -> w.longWindow() + "/" + w.shortWindow())
                .containsExactly("10m/5m", "12m/5m", "48m/5m", "2h24m/12m");
    }

    @Test
    void noBurnThresholdIsBelowOneTimesTheBudgetForAnySloWindow() {
        for (int days = 1; days <= 90; days++) {
            for (BurnWindow pair : BurnWindow.forSloWindow(PromDuration.days(days))) {
                assertThat(pair.factor()).as("%dd, %s", days, pair).isGreaterThanOrEqualTo(BigDecimal.ONE);
                assertThat(pair.shortWindow()).as("%dd, %s", days, pair).isLessThan(pair.longWindow());
            }
        }
    }

    @Test
    void sloAlertsPageOnFastBurnAndTicketOnSlowBurnWithBothWindows() throws Exception {
        SloSpec slo = Fixtures.everyKind().slos().get(0);
        List<AlertRule> burns = compiler.burnAlerts(slo);

        assertThat(burns).extracting(r -> r.labels().get("severity")).containsExactly("page", "page", "ticket", "ticket");
        assertThat(burns).extracting(r -> r.labels().get("long_window") + "/" + r.labels().get("short_window"))
                .containsExactly("1h/5m", "6h/30m", "1d/2h", "3d/6h");
        assertThat(burns.get(0).expr()).startsWith("vigil:slo_errors:ratio_rate1h{slo=\"checkout-availability\"} / 0.001 > 14.4\n"
                + "and on (job, service_name)\n"
                + "vigil:slo_errors:ratio_rate5m{slo=\"checkout-availability\"} / 0.001 > 14.4\n");
        assertThat(burns.get(0).grafanaThreshold()).isEqualTo(14.4);
        assertThat(compiler.sloRecordingRules(slo)).extracting(RecordingRule::record).containsExactly(
                "vigil:slo_errors:ratio_rate5m", "vigil:slo_errors:ratio_rate30m", "vigil:slo_errors:ratio_rate1h",
                "vigil:slo_errors:ratio_rate2h", "vigil:slo_errors:ratio_rate6h", "vigil:slo_errors:ratio_rate1d",
                "vigil:slo_errors:ratio_rate3d",
                "vigil:slo_burn:ratio", "vigil:slo_burn:ratio", "vigil:slo_burn:ratio", "vigil:slo_burn:ratio");
        assertThat(compiler.sloRecordingRules(slo).get(7).expr())
                .isEqualTo("vigil:slo_errors:ratio_rate1h{slo=\"checkout-availability\"} / 0.001");
    }

    @Test
    void burnAlertsSayTheCurrentBurnRateAndHowLongTheBudgetLastsAtTheThreshold() throws Exception {
        SloSpec weekly = Fixtures.everyKind().slos().get(1);
        List<AlertRule> burns = compiler.burnAlerts(weekly);
        Map<String, String> fast = burns.get(0).annotations().apply(TemplateStyle.rendered(28.8, Map.of("service_name", "shop")));

        assertThat(fast.get("summary")).isEqualTo("shop: SLO checkout-success burns its error budget at 28.80x over the last 14m"
                + " (this alert fires above 14.4x)");
        assertThat(fast.get("description")).endsWith("At 14.4x or faster the whole 7d error budget lasts at most 11h40m.");
        Map<String, String> slowest = burns.get(3).annotations().apply(TemplateStyle.rendered(2, Map.of()));
        assertThat(slowest.get("description")).endsWith("At 1x or faster the whole 7d error budget lasts at most 7d.");
    }

    @Test
    void errorBudgetRulesRecordTheObjectiveTheWindowsErrorRatioAndWhatIsLeft() throws Exception {
        SloSpec slo = Fixtures.everyKind().slos().get(0);

        assertThat(compiler.sloBudgetRules(slo)).extracting(RecordingRule::record, RecordingRule::expr).containsExactly(
                org.assertj.core.groups.Tuple.tuple("vigil:slo_errors:ratio_rate30d", AlertsCompiler.errorRatio(slo, PromDuration.days(30))),
                org.assertj.core.groups.Tuple.tuple("vigil:slo_objective:ratio",
                        "0 * vigil:slo_errors:ratio_rate30d{slo=\"checkout-availability\"} + 0.999"),
                org.assertj.core.groups.Tuple.tuple("vigil:slo_error_budget_remaining:ratio",
                        "1 - vigil:slo_errors:ratio_rate30d{slo=\"checkout-availability\"} / 0.001"));
    }

    @Test
    void rateAboveAlertsHaveNoNoDataCompanionBecauseNoEventAtAllIsHealthy() throws Exception {
        List<String> names = compiler.compile(Fixtures.everyKind()).alerts().stream().map(AlertRule::name).toList();

        assertThat(names).contains("PaymentDeclinesBurst", "SignupsStalledNoData", "CheckoutSlowNoData")
                .doesNotContain("PaymentDeclinesBurstNoData");
    }

    @Test
    void generatedLatencyTestsUseOnlyTheBucketsTheAgentExports() throws Exception {
        String tests = PromtoolTestsWriter.write(Fixtures.everyKind(), compiler, AlertsCommand.RULES_FILE, "every-kind.yaml");
        java.util.regex.Matcher le = java.util.regex.Pattern.compile("le=\\\"([^\\\"]+)\\\"").matcher(tests);
        Set<String> bounds = new java.util.TreeSet<>();
        while (le.find()) {
            bounds.add(le.group(1));
        }
        Set<String> exported = new java.util.TreeSet<>(AlertMetrics.HTTP_BUCKETS.stream().map(PromQl::number).toList());
        exported.add("+Inf");

        assertThat(bounds).as("le values in the generated tests").isNotEmpty().isEqualTo(exported);
    }

    @Test
    void grafanaUidsAreStableShortAndUnique() {
        Set<String> taken = new HashSet<>();
        String plain = GrafanaProvisioningWriter.uid("CheckoutSlow", taken);
        String longOne = GrafanaProvisioningWriter.uid("CheckoutAvailabilityErrorBudgetBurn 1h/5m", taken);
        String clash = GrafanaProvisioningWriter.uid("checkoutslow", taken);

        assertThat(plain).isEqualTo("vigil-checkoutslow");
        assertThat(longOne).hasSizeLessThanOrEqualTo(40).startsWith("vigil-checkoutavailability")
                .isEqualTo(GrafanaProvisioningWriter.uid("CheckoutAvailabilityErrorBudgetBurn 1h/5m", new HashSet<>()));
        assertThat(clash).isNotEqualTo(plain).hasSizeLessThanOrEqualTo(40);
    }

    private static AlertSpec alert(String name) throws AlertsFileException {
        return Fixtures.everyKind().alerts().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }
}
