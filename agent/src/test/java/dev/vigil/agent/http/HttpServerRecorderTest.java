package dev.vigil.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.metrics.LabelKeys;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpServerRecorderTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpServerRecorder recorder = new HttpServerRecorder(registry, 3);

    @Test
    void countsEachRequestExactlyOnceUnderConcurrency() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 10_000; i++) {
            int id = i;
            pool.execute(() -> {
                Object token = recorder.start("GET", "/items/" + id);
                Object nested = recorder.start("GET", "/items/" + id); // a filter calling the servlet
                assertThat(nested).isNull();
                recorder.end(nested, null, 200, null);
                recorder.end(token, null, 200, null);
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(timer("/items/{id}", "200", "").count()).isEqualTo(10_000);
    }

    @Test
    void requestsOfManyLabelsInTurnEachCountOnTheirOwnSeries() {
        HttpServerRecorder wide = new HttpServerRecorder(registry, 500);
        List<String> methods = List.of("GET", "POST", "DELETE");
        List<Integer> statuses = List.of(200, 201, 404, 500, 503);
        int rounds = 7;
        for (int round = 0; round < rounds; round++) {
            for (int route = 0; route < 40; route++) {
                for (String method : methods) {
                    for (int status : statuses) {
                        Throwable error = status == 500 ? new IllegalStateException() : null;
                        wide.end(wide.start(method, "/r" + route), "/r" + route, status, error);
                    }
                }
            }
        }
        // 600 label sets, more than the recorder holds at hand: each still counts its own requests only.
        for (int route = 0; route < 40; route++) {
            for (String method : methods) {
                assertThat(registry.get("http.server.request.duration").tag("http.route", "/r" + route)
                        .tag("http.request.method", method).tag("http.response.status_code", "200").timer().count())
                        .isEqualTo(rounds);
                assertThat(registry.get("http.server.request.duration").tag("http.route", "/r" + route)
                        .tag("http.request.method", method).tag("http.response.status_code", "500")
                        .tag("error.type", "java.lang.IllegalStateException").timer().count())
                        .isEqualTo(rounds);
            }
        }
        assertThat(registry.find("http.server.request.duration").timers().stream().mapToLong(Timer::count).sum())
                .isEqualTo(rounds * 40L * methods.size() * statuses.size());
    }

    @Test
    void aRequestRunsOnItsThreadFromItsStartToItsEnd() throws Exception {
        assertThat(recorder.running()).isFalse();
        Object token = recorder.start("GET", "/items/1");
        assertThat(recorder.running()).as("what nested advice asks before reading the request").isTrue();
        ExecutorService other = Executors.newSingleThreadExecutor();
        assertThat(other.submit(recorder::running).get()).as("on another thread").isFalse();
        other.shutdown();
        recorder.end(token, null, 200, null);
        assertThat(recorder.running()).isFalse();
        recorder.end(recorder.start("GET", "/items/2"), null, 200, null);
        assertThat(timer("/items/{id}", "200", "").count()).as("the thread's next request").isEqualTo(2);
    }

    @Test
    void anExceptionIsA500WithTheExceptionClassAsErrorType() {
        Object token = recorder.start("POST", "/orders");
        recorder.end(token, "/orders", 200, new IllegalStateException("boom"));
        assertThat(timer("/orders", "500", "java.lang.IllegalStateException").count()).isEqualTo(1);
    }

    @Test
    void anExceptionTheFrameworkAnsweredNamesA5xxButNotA4xx() {
        Object failed = recorder.start("GET", "/fail");
        recorder.answered(new IllegalStateException("the handler failed"));
        recorder.answered(new IllegalArgumentException("its error handler failed too")); // the first one counts
        recorder.end(failed, "/fail", 500, null);
        Object mapped = recorder.start("GET", "/missing");
        recorder.answered(new IllegalArgumentException("mapped to a 404 by the application"));
        recorder.end(mapped, "/missing", 404, null);
        Object next = recorder.start("GET", "/fail");
        recorder.end(next, "/fail", 503, null);
        recorder.answered(new IllegalStateException("no request runs here now"));

        assertThat(timer("/fail", "500", "java.lang.IllegalStateException").count()).isEqualTo(1);
        assertThat(timer("/missing", "404", "").count()).isEqualTo(1);
        assertThat(timer("/fail", "503", "503").count()).as("the next request on the thread has its own status")
                .isEqualTo(1);
    }

    @Test
    void theApplicationsExceptionIsFoundInsideTheFrameworksWrapper() {
        Object token = recorder.start("GET", "/boom");
        Exception wrapped = new java.lang.reflect.InvocationTargetException(
                new java.util.concurrent.CompletionException(new IllegalArgumentException("bad id")));
        recorder.end(token, "/boom", 200, wrapped);
        assertThat(timer("/boom", "500", "java.lang.IllegalArgumentException").count()).isEqualTo(1);
    }

    @Test
    void aServerErrorWithoutExceptionHasItsStatusAsErrorType() {
        recorder.end(recorder.start("GET", "/health"), null, 200, null); // a route of the application: it answered
        recorder.end(recorder.start("GET", "/health"), null, 503, null);
        assertThat(timer("/health", "503", "503").count()).isEqualTo(1);
    }

    @Test
    void unmatchedNotFoundIsOneRouteAndRoutesBeyondTheCapAreOther() {
        recorder.end(recorder.start("GET", "/wp-admin/x.php"), null, 404, null);
        for (String path : List.of("/a", "/b", "/c", "/d", "/e")) {
            recorder.end(recorder.start("GET", path), null, 200, null);
        }
        recorder.end(recorder.start("GET", "/wp-login.php"), null, 404, null);
        // /a, /b and /c fill the cap of three; NOT_FOUND is a fixed value outside the cap
        assertThat(timer("NOT_FOUND", "404", "").count()).isEqualTo(2);
        assertThat(timer("_OTHER", "200", "").count()).isEqualTo(2);
        assertThat(registry.get("vigil.cardinality.overflow").tag("label", "http_route").counter().count()).isEqualTo(2);
    }

    @Test
    void aNotFoundOfAKnownRouteKeepsItsRoute() {
        recorder.end(recorder.start("GET", "/items/1"), null, 200, null);
        recorder.end(recorder.start("GET", "/items/999"), null, 404, null);
        recorder.end(recorder.start("GET", "/never/answered/1"), null, 404, null);
        assertThat(timer("/items/{id}", "404", "").count()).isEqualTo(1);
        assertThat(timer("NOT_FOUND", "404", "").count()).isEqualTo(1);
    }

    @Test
    void aRequestEndsOnceEvenIfTheContainerReportsItTwice() {
        Object token = recorder.start("GET", "/once");
        recorder.end(token, null, 200, null);
        recorder.end(token, null, 200, null);
        assertThat(timer("/once", "200", "").count()).isEqualTo(1);
    }

    @Test
    void jaxRsTemplatesGetTheApplicationPathFromTheRequest() {
        assertThat(HttpServerRecorder.withApplicationPath("/orders/{id}", "/api/orders/42")).isEqualTo("/api/orders/{id}");
        assertThat(HttpServerRecorder.withApplicationPath("/orders/{id}", "/orders/42")).isEqualTo("/orders/{id}");
        assertThat(HttpServerRecorder.withApplicationPath("/orders", "//api/v2/orders/")).isEqualTo("/api/v2/orders");
        assertThat(HttpServerRecorder.withApplicationPath("/", "/api")).isEqualTo("/api");
        assertThat(HttpServerRecorder.withApplicationPath("/x", "/tenant/123/x")).isEqualTo("/tenant/{id}/x");
    }

    @Test
    void aScanAnsweredWith401403Or500CreatesNoRouteAndARealRouteFirstHitAfterItKeepsItsName() {
        int[] statuses = {401, 403, 500, 400, 404};
        for (int i = 0; i < 1_000; i++) {
            recorder.end(recorder.start("GET", "/users/scan" + i + "/z" + i), null, statuses[i % statuses.length], null);
        }
        recorder.end(recorder.start("GET", "/nplus1"), null, 200, null);
        recorder.end(recorder.start("GET", "/nplus1"), null, 200, null);

        assertThat(timer("/nplus1", "200", "").count()).isEqualTo(2);
        assertThat(registry.find("http.server.request.duration").timers().stream()
                .map(t -> t.getId().getTag("http.route")).distinct())
                .containsExactlyInAnyOrder("UNKNOWN", "NOT_FOUND", "/nplus1");
        assertThat(timer("UNKNOWN", "401", "").count()).isEqualTo(200);
        assertThat(timer("UNKNOWN", "500", "500").count()).isEqualTo(200);
        assertThat(timer("NOT_FOUND", "404", "").count()).isEqualTo(200);
    }

    @Test
    void frameworkTemplatesAreNeverRefusedForLackOfRoomLeftByPaths() {
        for (String path : List.of("/a", "/b", "/c", "/d", "/e")) {
            recorder.end(recorder.start("GET", path), null, 200, null); // fills the cap of three paths
        }
        recorder.end(recorder.start("GET", "/owners/7"), "/owners/{ownerId}", 200, null);
        assertThat(timer("/owners/{ownerId}", "200", "").count()).isEqualTo(1);
        assertThat(timer("_OTHER", "200", "").count()).isEqualTo(2);
    }

    @Test
    void aDeclaredTemplateCountsItsPathsWhateverTheyAnswer() {
        HttpServerRecorder declared = new HttpServerRecorder(registry,
                new HttpServerRecorder.Limits(10, 3, 100, List.of("/users/{id}/z{n}", "/files/{name}")), null);
        declared.end(declared.start("GET", "/users/u17WRxsf/files"), null, 401, null);
        declared.end(declared.start("GET", "/files/report.pdf?download=1"), null, 500, null);
        declared.end(declared.start("GET", "/files/a"), null, 200, null);
        assertThat(timer("/files/{name}", "500", "500").count()).isEqualTo(1);
        assertThat(timer("/files/{name}", "200", "").count()).isEqualTo(1);
        assertThat(timer("UNKNOWN", "401", "").count()).isEqualTo(1); // three segments: no declared template
    }

    @Test
    void pastTheSeriesCapEveryRequestIsStillCountedOnOneOverflowSeriesPerStatus() {
        HttpServerRecorder capped = new HttpServerRecorder(registry, new HttpServerRecorder.Limits(1_000, 10, 10, List.of()), null);
        for (int i = 0; i < 100; i++) {
            capped.end(capped.start("GET", "/t" + i), "/template" + i, i % 2 == 0 ? 200 : 503, null);
        }
        List<Timer> series = List.copyOf(registry.find("http.server.request.duration").timers());
        assertThat(series.stream().mapToLong(Timer::count).sum()).isEqualTo(100);
        assertThat(series).hasSizeLessThanOrEqualTo(10 + 2);
        assertThat(timer("_OTHER", "200", "").count() + timer("_OTHER", "503", "_OTHER").count()).isEqualTo(90);
        assertThat(registry.get("vigil.cardinality.overflow").tag("label", "_series").counter().count()).isEqualTo(90);
    }

    private Timer timer(String route, String status, String errorType) {
        return registry.get("http.server.request.duration")
                .tag("http.route", route)
                .tag("http.response.status_code", status)
                .tag("error.type", errorType)
                .timer();
    }

    @Test
    void aSeriesKeyIsEqualOnlyToOneWithTheSameLabels() throws Exception {
        LabelKeys.assertEachLabelCounts(HttpServerRecorder.Key.class, new Object[] {"GET", "/orders/{id}", 200, ""},
                new Object[] {"POST", "/items", 500, "IOException"});
    }
}
