package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.JsonLogs;
import dev.vigil.it.support.Scrape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Business events declared in {@code vigil.yaml} on the framework-free example app (the Spring Boot
 * shop's events are in {@code ExampleShopIT}): each kind counts exactly, and the wrong ones are one log
 * line each with the file and line, while the others keep counting and the app keeps serving.
 */
class BusinessEventsIT {
    private static final String EVENTS = "vigil_business_events_total";

    @Test
    void declaredEventsCountExactlyAndWrongOnesAreOneLineEachWithFileAndLine(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("vigil.yaml"), """
                events:
                  order.placed:   { http: "POST /orders", status: 2xx }
                  order.rejected: { http: "POST /orders", status: [4xx, 5xx] }
                  order.stored:   { method: "dev.vigil.examples.httpserver.Shop#placeOrder" }
                  order.logged:   { log: { logger: "dev.vigil.examples.httpserver.ShopApp", message: "order * placed" } }
                  no.hash:        { method: "dev.vigil.examples.httpserver.Shop.placeOrder" }
                  no.such.class:  { method: "com.example.NoSuchService#run" }
                  no.such.method: { method: "dev.vigil.examples.httpserver.Shop#noSuchMethod" }
                  typo:           { htp: "GET /items" }
                """);
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = HttpServerExample.onPort(appPort).withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .sysProp("vigil.config", yaml)
                .start()) {
            HttpServerExample.awaitReady(app, appPort);
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(30));

            int placed = 9;
            for (int i = 0; i < placed; i++) {
                assertThat(Http.post(appPort, "/orders", "item=" + (1 + i % HttpServerExample.ITEMS) + "&qty=1",
                        "application/x-www-form-urlencoded").status()).isEqualTo(201);
            }
            int rejected = 4;
            for (int i = 0; i < rejected; i++) {
                assertThat(Http.post(appPort, "/orders", "qty=1", "application/x-www-form-urlencoded").status()).isEqualTo(400);
            }

            Scrape scrape = Scrape.awaitValue(metricsPort, EVENTS, Map.of("event", "order.logged"), placed);
            assertThat(scrape.value(EVENTS, Map.of("event", "order.placed", "outcome", "success"))).isEqualTo(placed);
            assertThat(scrape.value(EVENTS, Map.of("event", "order.placed", "outcome", "error"))).isZero();
            assertThat(scrape.value(EVENTS, Map.of("event", "order.rejected", "outcome", "error"))).isEqualTo(rejected);
            assertThat(scrape.value(EVENTS, Map.of("event", "order.stored", "outcome", "success")))
                    .as("Shop#placeOrder ran once per order placed").isEqualTo(placed);
            assertThat(scrape.value("vigil_business_event_duration_seconds_count", Map.of("event", "order.stored")))
                    .isEqualTo(placed);
            assertThat(scrape.value(EVENTS, Map.of("event", "order.logged", "outcome", "success"))).isEqualTo(placed);
            assertThat(scrape.labelValues(EVENTS, "event")).doesNotContain("no.hash", "typo");

            // The agent's log is JSON lines: read the messages, not the escaped text.
            String log = JsonLogs.parse(app.stderr()).stream().map(JsonLogs.Event::message)
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertThat(log).contains(yaml + " line 6: event no.hash: method: expected \"fully.qualified.Class#method\"");
            assertThat(log).contains(yaml + " line 9: event typo: expected exactly one of http, method or log, found none"
                    + " (unknown key 'htp'; did you mean http?)");
            assertThat(log).contains(yaml + " line 7 (event no.such.class): class com.example.NoSuchService is not on the class path");
            assertThat(log).contains(yaml + " line 8 (event no.such.method): class dev.vigil.examples.httpserver.Shop has no"
                    + " method named 'noSuchMethod'");
            assertThat(log.lines().filter(l -> l.contains(yaml + " line "))).as("one line per wrong event").hasSize(4);
        }
    }
}
