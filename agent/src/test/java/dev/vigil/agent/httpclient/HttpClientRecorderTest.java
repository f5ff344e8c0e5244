package dev.vigil.agent.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.core.metrics.LabelKeys;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class HttpClientRecorderTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestClientTime request = new RequestClientTime();
    private final HttpClientRecorder recorder = new HttpClientRecorder(registry, 2, 1000, null, () -> request);

    @Test
    void aClientDelegatingToAnotherIsCountedOnce() {
        Object outer = recorder.start("GET", "http", "payments.local", 8080);
        Object inner = recorder.start("GET", "http", "payments.local", 8080);
        recorder.end(inner, 200, null);
        recorder.end(outer, 200, null);
        assertThat(count("GET", "payments.local", "8080", "200", "")).isEqualTo(1);
        assertThat(request.calls()).isEqualTo(1);
    }

    @Test
    void errorStatusesAreErrorsOnTheClientSide() {
        recorder.end(recorder.start("POST", "https", "Payments.Local", -1), 404, null);
        recorder.end(recorder.start("POST", "https", "payments.local", -1), 503, null);
        assertThat(count("POST", "payments.local", "443", "404", "404")).isEqualTo(1);
        assertThat(count("POST", "payments.local", "443", "503", "503")).isEqualTo(1);
    }

    @Test
    void aCallWithoutAnswerCarriesTheExceptionClassAndNoStatus() {
        recorder.end(recorder.start("GET", "http", "127.0.0.1", 1), 0, new ConnectException("refused"));
        assertThat(count("GET", "127.0.0.1", "1", "", "java.net.ConnectException")).isEqualTo(1);
    }

    @Test
    void anAsynchronousCallEndsWhenItsFutureCompletes() {
        CompletableFuture<Object> future = new CompletableFuture<>();
        recorder.endAsync(recorder.start("GET", "http", "payments.local", 80), future, null);
        assertThat(registry.find("http.client.request.duration").timers()).isEmpty();
        // The thread is free for the next call while the first one runs.
        recorder.end(recorder.start("GET", "http", "payments.local", 80), 200, null);
        future.completeExceptionally(new CompletionException(new ConnectException("refused")));
        assertThat(count("GET", "payments.local", "80", "", "java.net.ConnectException")).isEqualTo(1);
        assertThat(count("GET", "payments.local", "80", "200", "")).isEqualTo(1);
    }

    @Test
    void aCallKeyedByItsFutureStartsOnceWhateverTheRetriesAndEndsOnce() {
        Object future = new Object();
        assertThat(recorder.startFuture(future, "GET", "http", "payments.local", 80)).isNotNull();
        assertThat(recorder.startFuture(future, "GET", "http", "payments.local", 80)).as("a retry").isNull();
        recorder.futureCompletes(new Object(), 200, null, false); // some other future of the library
        recorder.futureCompletes(future, 0, null, true);
        recorder.futureCompletes(future, 200, null, false);
        assertThat(count("GET", "payments.local", "80", "", "java.util.concurrent.CancellationException")).isEqualTo(1);
        assertThat(count("GET", "payments.local", "80", "200", "")).isZero();
        assertThat(request.calls()).isEqualTo(1);
    }

    @Test
    void aCallThatEndsWithItsBodyIsRecordedOnceWhenTheBodyEnds() {
        Object handler = new Object();
        Object attempt = new Object();
        Object connection = new Object();
        recorder.startFuture(handler, "GET", null, "payments.local", 80);
        recorder.alias(attempt, handler);
        recorder.alias(connection, handler);
        recorder.responded(handler, 503);
        recorder.futureCompletes(attempt, 0, null, true); // the attempt's subscriber lets go once answered
        assertThat(registry.find("http.client.request.duration").timers()).as("still reading the body").isEmpty();

        recorder.responseEnded(connection, null);
        recorder.responseEnded(handler, null); // the connection let go of afterwards
        assertThat(count("GET", "payments.local", "80", "503", "503")).isEqualTo(1);
        assertThat(request.calls()).isEqualTo(1);
    }

    @Test
    void aCallCancelledThroughAnAttemptBeforeItsResponseIsCancelledOnce() {
        Object handler = new Object();
        Object attempt = new Object();
        recorder.startFuture(handler, "GET", null, "payments.local", 80);
        recorder.alias(attempt, handler);
        recorder.futureCompletes(attempt, 0, null, true);
        recorder.responseEnded(handler, null);
        recorder.futureCompletes(handler, 0, new ConnectException("refused"), false);
        assertThat(count("GET", "payments.local", "80", "", "java.util.concurrent.CancellationException")).isEqualTo(1);
        assertThat(registry.find("http.client.request.duration").timers()).hasSize(1);
    }

    @Test
    void serverAddressesAreCapped() {
        for (int i = 0; i < 1000; i++) {
            recorder.end(recorder.start("GET", "http", "host" + i + ".example", 80), 200, null);
        }
        assertThat(count("GET", "_OTHER", "80", "200", "")).isEqualTo(998);
        assertThat(registry.find("http.client.request.duration").timers()).hasSize(3);
    }

    private long count(String method, String address, String port, String status, String errorType) {
        Timer timer = registry.find("http.client.request.duration")
                .tags("http.request.method", method, "server.address", address, "server.port", port,
                        "http.response.status_code", status, "error.type", errorType)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aSeriesKeyIsEqualOnlyToOneWithTheSameLabels() throws Exception {
        LabelKeys.assertEachLabelCounts(HttpClientRecorder.Key.class, new Object[] {"GET", "api.example", "443", "200", ""},
                new Object[] {"POST", "db.example", "8443", "503", "ConnectException"});
    }
}
